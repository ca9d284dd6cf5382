#pragma once
// The module contract: a module installs its routes, subscriptions and jobs into the platform.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
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
};

class Module {
 public:
  virtual ~Module() = default;
  virtual std::string_view name() const = 0;
  // Registers routes (platform.router), subscriptions (platform.events) and jobs (platform.jobs).
  virtual void install(Platform& platform) = 0;
  virtual void start() {}  // after every module is installed, before serving
  virtual void stop() {}   // after serving stopped
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
