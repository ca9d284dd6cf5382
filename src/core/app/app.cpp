#include "app/module_order.hpp"
#include "app/platform_routes.hpp"
#include "db/idempotency_store.hpp"
#include "events/admin_routes.hpp"
#include "http/rate_limiter.hpp"

#include <agora/core/app.hpp>
#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/events.hpp>
#include <agora/core/http.hpp>
#include <agora/core/kafka.hpp>
#include <agora/core/log.hpp>
#include <agora/core/metrics.hpp>
#include <agora/core/outbound.hpp>
#include <agora/core/redis.hpp>

#include <thread>

namespace agora {
namespace {

http::ServerOptions server_options(const Config& c) {
  http::ServerOptions o;
  o.host = c.string("http.host");
  o.port = static_cast<unsigned short>(c.integer("http.port", 0, 65535));
  const auto threads = c.integer("http.threads", 0, 256);
  o.io_threads = threads > 0 ? static_cast<unsigned>(threads) : std::max(1u, std::thread::hardware_concurrency());
  o.workers = static_cast<unsigned>(c.integer("http.workers", 1, 1024));
  o.body_limit = static_cast<std::size_t>(c.integer("http.body_limit", 1));
  o.header_limit = static_cast<std::size_t>(c.integer("http.header_limit", 1024));
  o.json.max_depth = static_cast<std::size_t>(c.integer("http.json_max_depth", 1, 1000));
  o.json.max_members = static_cast<std::size_t>(c.integer("http.json_max_members", 1));
  o.json.max_elements = static_cast<std::size_t>(c.integer("http.json_max_elements", 1));
  o.read_timeout = c.millis("http.read_timeout_ms");
  o.max_connections = static_cast<std::size_t>(c.integer("http.max_connections", 1));
  o.shutdown_grace = c.millis("http.shutdown_grace_ms");
  o.cors_origins = c.strings("http.cors_origins");
  o.trusted_proxies = c.strings("http.trusted_proxies");
  return o;
}

// The rate limiter of [rate_limit], or null when limits are off.
std::shared_ptr<http::RateLimiter> rate_limiter(const Config& c, Redis& redis, Metrics& metrics) {
  if (!c.boolean("rate_limit.enabled")) return nullptr;
  std::map<std::string, http::RatePolicy, std::less<>> policies;
  for (const auto& text : c.strings("rate_limit.policies")) {
    auto [name, policy] = http::parse_rate_policy(text);
    if (!policies.emplace(name, policy).second)
      throw ConfigError("config key rate_limit.policies: class '" + name + "' is named twice");
  }
  return std::make_shared<http::SharedRateLimiter>(
      redis, std::move(policies), metrics,
      http::SharedRateLimiter::Options{.sync_interval = c.millis("rate_limit.sync_ms"),
                                       .fresh_for = c.millis("rate_limit.fresh_ms")});
}

Database::Options database_options(const Config& c) {
  const auto url = c.string("database.url");
  if (!url.starts_with("postgresql://") && !url.starts_with("postgres://"))
    throw ConfigError("config key database.url: expected a postgresql:// URI");
  return {.url = url,
          .pool_size = static_cast<std::size_t>(c.integer("database.pool_size", 1, 1000)),
          .acquire_timeout = c.millis("database.acquire_timeout_ms"),
          .max_attempts = 10,
          .region = c.string("region.id")};
}

EventBusOptions bus_options(const Config& c) {
  return {.poll_interval = c.millis("events.poll_interval_ms"),
          .coalesce = c.millis("events.coalesce_ms"),
          .retry_base = c.millis("events.retry_base_ms"),
          .retry_max = c.millis("events.retry_max_ms"),
          .max_attempts = static_cast<int>(c.integer("events.max_attempts", 1, 1000)),
          .retention = std::chrono::hours(c.integer("events.retention_hours", 1)),
          .durable_passes = c.boolean("events.durable_passes")};
}

// The configured log level, applied before anything the App builds can log: every App gets it,
// whether run_cli or a test built it.
Config with_log_level(Config c) {
  log::init(c.string("log.level"));
  return c;
}

// The given config loaded again with the modules' sections: their defaults, ranges and unknown keys.
Config with_sections(const Config& c, const std::vector<std::unique_ptr<Module>>& modules) {
  std::vector<ConfigSection> sections;
  for (const auto& m : modules) sections.push_back(m->config_section());
  return Config::load(c.sources(), sections);
}

std::vector<std::unique_ptr<Module>> made(const std::vector<ModuleFactory>& factories) {
  std::vector<std::unique_ptr<Module>> modules;
  for (const auto& make : factories) modules.push_back(make());
  return install_order(std::move(modules), cmake_module_depends());
}

// A module with the platform it was installed into: its own view of the services.
struct Installed {
  Installed(std::unique_ptr<Module> m, const Platform& p)
      : module(std::move(m)),
        services(p.services.for_module(module->name(), module->requirements())),
        platform{p.config, p.db,   p.redis,  p.events,    p.router,  p.metrics,
                 p.clock,  p.jobs, services, p.readiness, p.outbound} {}
  std::unique_ptr<Module> module;
  Services services;
  Platform platform;
};

}  // namespace

struct App::Impl {
  Config config;
  std::vector<Migration> migrations;
  Metrics metrics;
  Database db;
  Redis redis;
  EventBus bus;
  http::Router router;
  Jobs jobs;
  Services services;
  Readiness readiness;
  std::vector<CliCommand> commands;
  std::unique_ptr<EmbeddedKafka> embedded_kafka;
  std::unique_ptr<KafkaMirror> mirror;
  std::shared_ptr<PgIdempotencyStore> idempotency;
  outbound::Destinations outbound;
  Platform platform;
  std::vector<std::unique_ptr<Installed>> modules;
  std::unique_ptr<http::Server> server;
  bool started = false;

  Impl(Config c, std::vector<Migration> m, const Clock& clock)
      : config(with_log_level(std::move(c))),
        migrations(std::move(m)),
        db(database_options(config), metrics, clock),
        redis({.url = config.string("redis.url"),
               .pool_size = static_cast<std::size_t>(config.integer("redis.pool_size", 1, 1000)),
               .timeout = config.millis("redis.timeout_ms")},
              metrics),
        bus(db, metrics, bus_options(config)),
        idempotency(std::make_shared<PgIdempotencyStore>(
            db, clock, std::chrono::hours(config.integer("http.idempotency_ttl_hours", 1, 24 * 30)))),
        outbound({.max_in_flight = static_cast<int>(config.integer("outbound.max_in_flight", 1, 10'000)),
                  .failures_to_open = static_cast<int>(config.integer("outbound.failures_to_open", 1, 1000)),
                  .open_for = config.millis("outbound.open_ms")},
                 clock, metrics),
        platform{config, db, redis, bus, router, metrics, clock, jobs, services, readiness, outbound} {}

  void check_migrations() {
    auto conn = db.acquire();
    Migrator migrator(*conn, migrations);
    for (const auto& s : migrator.status())
      if (!s.applied) throw Error(ErrorKind::unavailable, "migration " + s.module + "/" + s.name + " is pending");
  }
};

App::App(const Config& given, const std::vector<ModuleFactory>& factories, std::vector<Migration> migrations,
         const Clock& clock) {
  auto modules = made(factories);
  impl_ = std::make_unique<Impl>(with_sections(given, modules), std::move(migrations), clock);
  auto& i = *impl_;
  const auto& config = i.config;
  i.readiness.add_check("postgres", [&i] { i.db.ping(); });
  i.readiness.add_check("redis", [&i] { i.redis.ping(); });
  i.readiness.add_check("migrations", [&i] { i.check_migrations(); });
  i.readiness.add_note("outbound", [&i]() -> std::optional<std::string> {
    const auto names = i.outbound.not_closed();
    if (names.empty()) return std::nullopt;
    std::string text = "circuits not closed: ";
    for (std::size_t k = 0; k < names.size(); ++k) text += (k ? ", " : "") + names[k];
    return text;
  });
  if (config.boolean("kafka.enabled")) {
    auto brokers = config.string("kafka.brokers");
    if (brokers == "embedded") {
      i.embedded_kafka = std::make_unique<EmbeddedKafka>();
      brokers = i.embedded_kafka->bootstrap();
    }
    i.mirror = std::make_unique<KafkaMirror>(
        KafkaOptions{.brokers = brokers, .delivery_wait = config.millis("kafka.delivery_wait_ms")}, i.metrics);
    i.bus.subscribe(i.mirror->subscription());
    i.readiness.add_check("kafka", [&i] {
      if (!i.mirror->reachable(std::chrono::milliseconds(1000)))
        throw Error(ErrorKind::unavailable, "no broker answered");
    });
  }
  i.router.set_rate_limiter(rate_limiter(config, i.redis, i.metrics));
  add_platform_routes(i.router, i.metrics, i.readiness);
  i.router.set_idempotency_store(i.idempotency);
  i.jobs.every("platform.idempotency_keys", std::chrono::minutes(10), [&i] { i.idempotency->prune(); });
  add_event_admin_routes(i.router, i.bus);
  for (auto& m : modules) {
    auto& installed = *i.modules.emplace_back(std::make_unique<Installed>(std::move(m), i.platform));
    installed.module->install(installed.platform);
    for (auto& c : installed.module->commands()) i.commands.push_back(std::move(c));
  }
}

App::~App() { stop(); }

void App::migrate() {
  auto conn = impl_->db.acquire();
  Migrator(*conn, impl_->migrations).apply();
}

void App::start() {
  auto& i = *impl_;
  std::size_t started = 0;
  try {
    for (auto& m : i.modules) {
      m->module->start();
      ++started;
    }
    i.bus.start();
    i.jobs.start();
    i.server = std::make_unique<http::Server>(server_options(i.config), i.router, i.metrics);
    i.server->start();
  } catch (...) {
    // A step failed (the port is taken): stop what did start before anything it calls is destroyed,
    // or the dispatchers and the listener would run on into destroyed modules.
    i.server.reset();
    i.jobs.stop();
    i.bus.stop();
    while (started > 0) i.modules[--started]->module->stop();
    throw;
  }
  i.started = true;
  log::info("agora serving", {{"port", port()}, {"region", i.config.string("region.id")}});
}

unsigned short App::port() const { return impl_->server ? impl_->server->port() : 0; }

void App::stop() {
  auto& i = *impl_;
  if (!i.started) return;
  i.started = false;
  i.server->stop();
  i.jobs.stop();
  i.bus.stop();
  for (auto it = i.modules.rbegin(); it != i.modules.rend(); ++it) (*it)->module->stop();
  log::info("agora stopped");
  log::flush();
}

Platform& App::platform() { return impl_->platform; }

const CliCommand* App::command(std::string_view name) const {
  for (const auto& c : impl_->commands)
    if (c.name == name) return &c;
  return nullptr;
}

std::vector<CliCommand> App::commands() const { return impl_->commands; }

}  // namespace agora
