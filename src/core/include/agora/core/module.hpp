#pragma once
// The module contract: a module installs its routes, subscriptions and jobs into the platform.
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
namespace http {
class Router;
}

// The public APIs modules offer each other (an `Api` from include/agora/<module>/api.hpp):
// the providing module registers it in install(), users look it up in start() or later.
class Services {
 public:
  template <class Api>
  void provide(Api& api) {
    apis_[std::type_index(typeid(Api))] = &api;
  }
  // Throws Error{internal} when no installed module provides Api.
  template <class Api>
  Api& get() const {
    auto it = apis_.find(std::type_index(typeid(Api)));
    if (it == apis_.end()) throw Error(ErrorKind::internal, std::string("no module provides ") + typeid(Api).name());
    return *static_cast<Api*>(it->second);
  }

 private:
  std::map<std::type_index, void*> apis_;
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
  void add_check(std::string name, std::function<void()> check) { checks_.push_back({std::move(name), std::move(check)}); }
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
};

class Module {
 public:
  virtual ~Module() = default;
  virtual std::string_view name() const = 0;
  // Registers routes (platform.router), subscriptions (platform.events) and jobs (platform.jobs).
  virtual void install(Platform& platform) = 0;
  virtual void start() {}  // after every module is installed, before serving
  virtual void stop() {}   // after serving stopped
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
