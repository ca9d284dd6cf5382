#pragma once
// The composed server: stores, event bus, Kafka mirror, HTTP server and the modules.
#include <agora/core/config.hpp>
#include <agora/core/migrations.hpp>
#include <agora/core/module.hpp>

#include <memory>
#include <vector>

namespace agora {

class App {
 public:
  App(const Config& config, std::vector<ModuleFactory> modules, std::vector<Migration> migrations);
  ~App();
  void migrate();        // applies pending migrations
  void start();          // modules, dispatcher, jobs, HTTP; returns at once
  unsigned short port() const;
  void stop();           // graceful: HTTP first, then background work
  Platform& platform();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The `agora` command line: serve, migrate, config. Returns the process exit code.
int run_cli(int argc, char** argv, std::vector<ModuleFactory> modules, std::vector<Migration> migrations);

}  // namespace agora
