#pragma once
// The module contract: a module declares the APIs it requires and its config section, and installs
// its routes, subscriptions and jobs into the platform.
#include <agora/core/config.hpp>
#include <agora/core/error.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <typeindex>
#include <vector>

namespace agora {

class Config;
class Database;
class Redis;
class EventBus;
class Metrics;
class Clock;
class Jobs;
namespace outbound {
class Destinations;
}
namespace http {
class Router;
}

// An API one module requires of another: api<fx::Api>(). Every `Api` names the module that
// provides it in `kModule`.
struct ApiRef {
  std::type_index type;
  std::string_view module;
  std::string name() const { return std::string(module) + "::Api"; }
};

template <class Api>
ApiRef api() {
  return {std::type_index(typeid(Api)), Api::kModule};
}

// The public APIs modules offer each other (an `Api` from include/agora/<module>/api.hpp). App
// installs a module after the providers of the APIs it requires, so its install() may get() them;
// it gets nothing it did not declare in Module::requirements().
class Services {
 public:
  // A module provides its own Api in install().
  template <class Api>
  void provide(Api& api) {
    if (!module_.empty() && Api::kModule != module_)
      throw Error(ErrorKind::internal, "module " + module_ + " provides " + std::string(Api::kModule) +
                                           "::Api, which is module " + std::string(Api::kModule) + "'s to provide");
    (*apis_)[std::type_index(typeid(Api))] = &api;
  }
  // Throws Error{internal} when no installed module provides Api, or the module asking did not declare it.
  template <class Api>
  Api& get() const {
    return *static_cast<Api*>(find(api<Api>()));
  }
  // The same APIs as `module` sees them: get() serves only what `required` names.
  Services for_module(std::string_view module, std::vector<ApiRef> required) const;

 private:
  void* find(const ApiRef& api) const;
  std::shared_ptr<std::map<std::type_index, void*>> apis_ = std::make_shared<std::map<std::type_index, void*>>();
  std::string module_;  // "" for the composition root and tests: every API
  std::vector<ApiRef> required_;
};

// An operator command a module adds to the `agora` command line, e.g. `agora users create-admin`.
struct CliCommand {
  std::string name;   // first word after `agora`
  std::string usage;  // one line per sub-command, shown by --help
  // args: the words after the name, --config flags removed; returns the exit code.
  std::function<int(std::span<const std::string> args)> run;
};

// What /health/ready reports. A check throws, naming what is wrong, when its part is down: the
// instance answers 503 and leaves the load balancer. A note describes a state worth seeing (a pool
// saturated for a moment) without making the instance unready; nullopt when there is nothing to say.
class Readiness {
 public:
  struct Check {
    std::string name;
    std::function<void()> check;
  };
  struct Note {
    std::string name;
    std::function<std::optional<std::string>()> note;
  };
  // Both before serving: the lists are read without a lock.
  void add_check(std::string name, std::function<void()> check) {
    checks_.push_back({std::move(name), std::move(check)});
  }
  void add_note(std::string name, std::function<std::optional<std::string>()> note) {
    notes_.push_back({std::move(name), std::move(note)});
  }
  const std::vector<Check>& checks() const { return checks_; }
  const std::vector<Note>& notes() const { return notes_; }

 private:
  std::vector<Check> checks_;
  std::vector<Note> notes_;
};

// What a module may use; all of it outlives the module.
struct Platform {
  const Config& config;
  Database& db;
  Redis& redis;
  EventBus& events;
  http::Router& router;
  Metrics& metrics;
  const Clock& clock;
  Jobs& jobs;
  Services& services;
  Readiness& readiness;
  outbound::Destinations& outbound;  // every call to a service outside Agora goes through one
};

class Module {
 public:
  virtual ~Module() = default;
  virtual std::string_view name() const = 0;
  // The APIs of other modules it uses, e.g. {api<fx::Api>()}. App installs their providers first
  // and refuses to start without one; CMake's agora_module(... DEPENDS) must name exactly their modules.
  virtual std::vector<ApiRef> requirements() const { return {}; }
  // Its config section (read by its options function); App loads the config with it.
  virtual ConfigSection config_section() const { return {}; }
  // Registers routes (platform.router), subscriptions (platform.events) and jobs (platform.jobs).
  virtual void install(Platform& platform) = 0;
  virtual void start() {}                                    // after every module is installed, before serving
  virtual void stop() {}                                     // after serving stopped
  virtual std::vector<CliCommand> commands() { return {}; }  // after install()
};

using ModuleFactory = std::function<std::unique_ptr<Module>()>;

// Background jobs run on their own thread at a fixed interval; a throwing job is logged and retried.
class Jobs {
 public:
  Jobs();
  ~Jobs();
  void every(std::string name, std::chrono::milliseconds interval, std::function<void()> job);
  void start();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace agora
