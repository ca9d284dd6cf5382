#include <agora/core/app.hpp>
#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/log.hpp>

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <csignal>
#include <cstdio>
#include <iostream>

namespace agora {
namespace {

constexpr const char* kUsage = R"(usage: agora <command> [flags]

commands:
  serve [--migrate]     serve the HTTP API (--migrate applies pending migrations first)
  migrate [--status]    apply pending migrations, or list them with --status
  config                print the effective configuration, secrets redacted
  users create-admin --email E [--password-file F]
                        create (or promote) an administrator; the password is read
                        from the file, or from stdin, never from the command line

flags for every command:
  --config FILE         a TOML file layered over the defaults (repeatable)
  --config-dir DIR      where default.toml and <AGORA_ENV>.toml live (default: config)
  --help
Environment: AGORA_ENV picks config/<env>.toml; AGORA_<SECTION>_<KEY> sets any key.
)";

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Command {
  std::string name;
  std::vector<std::string> flags;  // command-specific switches given
  std::vector<std::string> args;   // a module command's words, --config flags removed
  ConfigSources sources;
};

bool is_core_command(std::string_view name) { return name == "serve" || name == "migrate" || name == "config"; }

Command parse(int argc, char** argv) {
  if (argc < 2) throw UsageError("no command given");
  Command cmd;
  cmd.name = argv[1];
  if (cmd.name.starts_with("-")) throw UsageError(fmt::format("unknown command '{}'", cmd.name));
  std::string dir = "config";
  std::vector<std::string> files;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw UsageError(fmt::format("flag {} needs a value", arg));
      return argv[++i];
    };
    if (arg == "--config")
      files.push_back(value());
    else if (arg == "--config-dir")
      dir = value();
    else if ((cmd.name == "serve" && arg == "--migrate") || (cmd.name == "migrate" && arg == "--status"))
      cmd.flags.push_back(arg);
    else if (!is_core_command(cmd.name))
      cmd.args.push_back(arg);
    else
      throw UsageError(fmt::format("unknown flag '{}' for '{}'", arg, cmd.name));
  }
  cmd.sources = Config::sources_from_environment(dir);
  cmd.sources.files = files;
  return cmd;
}

// config and migrate build no App, which would load the modules' config sections: they load them here.
Config load_config(const Command& cmd, const std::vector<ModuleFactory>& modules) {
  if (cmd.name != "config" && cmd.name != "migrate") return Config::load_partial(cmd.sources);
  std::vector<ConfigSection> sections;
  for (const auto& make : modules) sections.push_back(make()->config_section());
  return Config::load(cmd.sources, sections);
}

bool has_flag(const Command& c, std::string_view flag) {
  return std::find(c.flags.begin(), c.flags.end(), flag) != c.flags.end();
}

int migrate(const Config& config, const std::vector<Migration>& migrations, bool status_only) {
  soci::session sql(soci::postgresql, conninfo(config.string("database.url")));
  Migrator migrator(sql, migrations);
  if (!status_only) {
    const int applied = migrator.apply();
    std::cout << fmt::format("applied {} migration(s); {} in all\n", applied, migrations.size());
    return 0;
  }
  int pending = 0;
  for (const auto& s : migrator.status()) {
    std::cout << fmt::format("{:<8} {:<14} {}\n", s.applied ? "applied" : "pending", s.module, s.name);
    pending += s.applied ? 0 : 1;
  }
  std::cout << fmt::format("{} pending\n", pending);
  return 0;
}

int serve(const Config& config, std::vector<ModuleFactory> modules, std::vector<Migration> migrations,
          bool migrate_first, const sigset_t& stop_signals) {
  App app(config, std::move(modules), std::move(migrations));
  if (migrate_first) app.migrate();
  app.start();
  int sig = 0;
  sigwait(&stop_signals, &sig);  // every other thread has them blocked
  log::info("stopping", {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}});
  app.stop();
  return 0;
}

// A command a module adds: the modules are installed (nothing is served) and the command runs.
int run_module_command(const Config& config, const Command& cmd, std::vector<ModuleFactory> modules,
                       std::vector<Migration> migrations) {
  App app(config, std::move(modules), std::move(migrations));
  const CliCommand* command = app.command(cmd.name);
  if (!command) throw UsageError(fmt::format("unknown command '{}'", cmd.name));
  return command->run(cmd.args);
}

}  // namespace

int run_cli(int argc, char** argv, std::vector<ModuleFactory> modules, std::vector<Migration> migrations) {
  // Block the stop signals before any thread starts (the log flusher is the first), so every
  // thread inherits the mask and `serve` alone decides when to stop. Other commands unblock them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  for (int i = 1; i < argc; ++i)
    if (std::string_view(argv[i]) == "--help" || std::string_view(argv[i]) == "-h") {
      std::cout << kUsage;
      return 0;
    }
  try {
    const Command cmd = parse(argc, argv);
    const Config config = load_config(cmd, modules);
    // An App applies log.level itself; config and migrate run without one (and config must still
    // reject a bad level).
    if (cmd.name == "config" || cmd.name == "migrate") log::init(config.string("log.level"));
    if (cmd.name != "serve") pthread_sigmask(SIG_UNBLOCK, &stop_signals, nullptr);
    if (cmd.name == "config") {
      std::cout << config.dump_redacted();
      return 0;
    }
    if (cmd.name == "migrate") return migrate(config, migrations, has_flag(cmd, "--status"));
    if (!is_core_command(cmd.name)) return run_module_command(config, cmd, std::move(modules), std::move(migrations));
    return serve(config, std::move(modules), std::move(migrations), has_flag(cmd, "--migrate"), stop_signals);
  } catch (const UsageError& e) {
    std::cerr << "agora: " << e.what() << "\n\n" << kUsage;
    return 2;
  } catch (const ConfigError& e) {
    std::cerr << "agora: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "agora: " << e.what() << "\n";
    log::error("agora failed", {{"error", log::describe(e)}});
    return 1;
  }
}

}  // namespace agora
