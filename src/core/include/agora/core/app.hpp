#pragma once
// The composed server: stores, event bus, Kafka mirror, HTTP server and the modules.
#include <agora/core/clock.hpp>
#include <agora/core/config.hpp>
#include <agora/core/migrations.hpp>
#include <agora/core/module.hpp>

#include <memory>
#include <vector>

namespace agora {

class App {
 public:
  // Makes the modules and installs them in the order their requirements give (any order of
  // `modules` will do); loads `config.sources()` again with their config sections.
  // clock: what modules and the database read the time from (tests pass a ManualClock).
  App(const Config& config, const std::vector<ModuleFactory>& modules, std::vector<Migration> migrations,
      const Clock& clock = Clock::system());
  ~App();
  void migrate();  // applies pending migrations
  void start();    // modules, dispatcher, jobs, HTTP; returns at once
  unsigned short port() const;
  void stop();  // graceful: HTTP first, then background work
  Platform& platform();
  // The module command named `name` (see Module::commands), or null.
  const CliCommand* command(std::string_view name) const;
  std::vector<CliCommand> commands() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The `agora` command line: serve, migrate, config. Returns the process exit code.
int run_cli(int argc, char** argv, std::vector<ModuleFactory> modules, std::vector<Migration> migrations);

}  // namespace agora
