// Health, readiness and metrics of a whole in-process server.
#include "harness/eventually.hpp"
#include "harness/harness.hpp"
#include "harness/http_client.hpp"

#include <agora/core/app.hpp>
#include <agora/core/db.hpp>
#include <agora/core/module.hpp>
#include <agora/core/outbound.hpp>

#include <atomic>

#include <catch2/catch.hpp>

#include <thread>

using namespace agora;
using namespace std::chrono_literals;

namespace {
using agora::test::eventually;

}  // namespace

TEST_CASE("readiness turns 503 naming Redis while it is down, and 200 when it is back") {
  auto config =
      test::test_config({{"kafka.enabled", "true"}, {"kafka.brokers", test::Stores::get().kafka().bootstrap()}});
  App app(config, {}, embedded_migrations());
  app.start();
  test::HttpClient http("http://127.0.0.1:" + std::to_string(app.port()));

  REQUIRE(http.request("GET", "/health/live").status == 200);
  auto ready = http.request("GET", "/health/ready");
  REQUIRE(ready.status == 200);
  const auto checks = ready.json().at("checks").as_object();
  for (const char* part : {"postgres", "redis", "kafka", "migrations"}) {
    INFO(part);
    REQUIRE(checks.at(part).as_string() == "ok");
  }

  test::Stores::get().stop_redis();
  ready = http.request("GET", "/health/ready");
  REQUIRE(ready.status == 503);
  REQUIRE_THAT(std::string(ready.json().at("checks").at("redis").as_string()), Catch::StartsWith("down"));
  REQUIRE(ready.json().at("checks").at("postgres").as_string() == "ok");

  test::Stores::get().start_redis();
  REQUIRE(eventually([&] { return http.request("GET", "/health/ready").status == 200; }));
  app.stop();
}

TEST_CASE("readiness is 503 while migrations are pending") {
  const auto url = test::Stores::get().empty_database();
  auto config = test::test_config_for(url);
  App app(config, {}, embedded_migrations());
  app.start();
  test::HttpClient http("http://127.0.0.1:" + std::to_string(app.port()));
  auto ready = http.request("GET", "/health/ready");
  REQUIRE(ready.status == 503);
  REQUIRE_THAT(std::string(ready.json().at("checks").at("migrations").as_string()), Catch::Contains("pending"));
  app.stop();
  app.migrate();
  App migrated(config, {}, embedded_migrations());
  migrated.start();
  test::HttpClient http2("http://127.0.0.1:" + std::to_string(migrated.port()));
  REQUIRE(http2.request("GET", "/health/ready").status == 200);
}

TEST_CASE("metrics expose per-route latency histograms, pool usage and the outbox") {
  auto config = test::test_config();
  App app(config, {}, embedded_migrations());
  app.start();
  test::HttpClient http("http://127.0.0.1:" + std::to_string(app.port()));
  for (int i = 0; i < 3; ++i) REQUIRE(http.request("GET", "/health/ready").status == 200);
  REQUIRE(http.request("GET", "/no/such/route").status == 404);
  const auto metrics = http.request("GET", "/metrics");
  REQUIRE(metrics.status == 200);
  const auto& text = metrics.body;
  REQUIRE_THAT(text, Catch::Contains("agora_http_request_duration_seconds_bucket{") &&
                         Catch::Contains("route=\"/health/ready\"") && Catch::Contains("le=\"+Inf\""));
  REQUIRE_THAT(text, Catch::Contains("agora_http_requests_total{") && Catch::Contains("status=\"404\""));
  REQUIRE_THAT(text, Catch::Contains("agora_db_pool_connections") && Catch::Contains("agora_db_pool_size"));
  REQUIRE_THAT(text, Catch::Contains("agora_outbox_backlog") && Catch::Contains("agora_events_dead_letters"));
  app.stop();
}

namespace {

// A module whose readiness has a check that can fail and a note that can speak.
struct WatchedModule final : Module {
  std::atomic<bool> down{false}, busy{false};
  std::string_view name() const override { return "watched"; }
  void install(Platform& p) override {
    p.readiness.add_check("watched_store", [this] {
      if (down) throw Error(ErrorKind::unavailable, "store gone");
    });
    p.readiness.add_note("watched_pool", [this]() -> std::optional<std::string> {
      if (busy) return "saturated: 2 running, 4 waiting";
      return std::nullopt;
    });
  }
};

}  // namespace

TEST_CASE("a module's readiness check makes the instance unready; its note is shown without doing so") {
  WatchedModule* watched = nullptr;
  const auto config = test::test_config();
  App app(config, {[&] {
            auto m = std::make_unique<WatchedModule>();
            watched = m.get();
            return m;
          }},
          embedded_migrations());
  app.start();
  test::HttpClient http("http://127.0.0.1:" + std::to_string(app.port()));
  auto ready = http.request("GET", "/health/ready");
  REQUIRE(ready.status == 200);
  REQUIRE(ready.json().at("checks").at("watched_pool") == "ok");
  watched->busy = true;
  ready = http.request("GET", "/health/ready");
  REQUIRE(ready.status == 200);
  REQUIRE(ready.json().at("checks").at("watched_pool") == "saturated: 2 running, 4 waiting");
  watched->down = true;
  ready = http.request("GET", "/health/ready");
  REQUIRE(ready.status == 503);
  REQUIRE(ready.json().at("checks").at("watched_store") == "down: store gone");
  app.stop();
}

TEST_CASE("an outside service whose circuit opened is named in readiness and metrics without making it unready") {
  App app(test::test_config({{"outbound.failures_to_open", "2"}}), {}, embedded_migrations());
  app.start();
  test::HttpClient http("http://127.0.0.1:" + std::to_string(app.port()));
  REQUIRE(http.request("GET", "/health/ready").json().at("checks").at("outbound") == "ok");
  auto& payments = app.platform().outbound.get("payments");
  for (int i = 0; i < 2; ++i)  // nothing listens on port 1: no answer, twice in a row
    REQUIRE_THROWS_AS(payments.send({.url = "http://127.0.0.1:1/charge", .timeout = 1s}), Error);
  const auto ready = http.request("GET", "/health/ready");
  REQUIRE(ready.status == 200);
  REQUIRE(ready.json().at("checks").at("outbound") == "circuits not closed: payments (open)");
  REQUIRE_THAT(http.request("GET", "/metrics").body,
               Catch::Contains("agora_outbound_circuit_state{destination=\"payments\"} 2"));
  app.stop();
}
