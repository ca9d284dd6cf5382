// The in-process and Redis caches: a warm conversion does no I/O; Redis down degrades to PostgreSQL.
#include "fx_app.hpp"

#include <agora/fx/api.hpp>

using namespace agora;
using namespace agora::fx::test;

namespace {

double loads(FxApp& fx, const char* source) { return fx.counter("agora_fx_rate_loads_total", {{"source", source}}); }

// Brings Redis back even when a check fails, so later tests find it.
struct RedisStopped {
  RedisStopped() { agora::test::Stores::get().stop_redis(); }
  ~RedisStopped() { agora::test::Stores::get().start_redis(); }
};

}  // namespace

TEST_CASE("fx::Api converts from the in-process cache without touching PostgreSQL or Redis") {
  FxApp fx;
  fx.refresh();
  auto& api = fx.app.platform().services.get<fx::Api>();
  CHECK(api.convert(Money(10000, "USD"), "JPY") == Money(14964, "JPY"));
  const auto redis = loads(fx, "redis"), database = loads(fx, "database");
  for (int i = 0; i < 100; ++i) REQUIRE(api.convert(Money(10000, "USD"), "JPY") == Money(14964, "JPY"));
  CHECK(loads(fx, "redis") == redis);
  CHECK(loads(fx, "database") == database);
  CHECK(api.convert(Money(1234, "EUR"), "EUR") == Money(1234, "EUR"));
}

TEST_CASE("fx::Api refuses a currency that is not ISO 4217 or without a rate, and says when no rate is known") {
  FxApp fx;
  auto& api = fx.app.platform().services.get<fx::Api>();
  try {
    api.convert(Money(100, "EUR"), "EURO");
    FAIL("converted to EURO");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::validation);
  }
  try {
    api.convert(Money(100, "EUR"), "USD");
    FAIL("converted without rates");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::unavailable);
  }
  fx.refresh();  // the ECB sample has no KWD
  try {
    api.convert(Money(100, "EUR"), "KWD");
    FAIL("converted without a KWD rate");
  } catch (const fx::NoRate& e) {
    CHECK(e.kind() == ErrorKind::validation);
    CHECK(e.currency() == "KWD");
    CHECK(e.fields().at(0).field == "to");
  }
}

TEST_CASE("a cold instance reads the rates another one cached in Redis") {
  FxApp fx;
  fx.refresh();
  CHECK(fx.converted(10000, "EUR", "USD") == 10856);  // loads from PostgreSQL, fills Redis
  fx.clock.advance(std::chrono::seconds(61));         // past fx.local_ttl_s
  const auto redis = loads(fx, "redis"), database = loads(fx, "database");
  CHECK(fx.converted(10000, "EUR", "USD") == 10856);
  CHECK(loads(fx, "redis") == redis + 1);
  CHECK(loads(fx, "database") == database);
  auto reply = fx.app.platform().redis.command({"TTL", "fx:rates:latest"});
  CHECK(reply.integer > 0);
  CHECK(reply.integer <= 300);
}

TEST_CASE("with Redis stopped conversions and refreshes still work from PostgreSQL") {
  FxApp fx;
  fx.refresh();
  CHECK(fx.converted(10000, "EUR", "USD") == 10856);
  RedisStopped stopped;
  CHECK(fx.converted(10000, "USD", "JPY") == 14964);  // warm in-process cache
  fx.clock.advance(std::chrono::seconds(61));
  const auto database = loads(fx, "database");
  CHECK(fx.converted(10000, "USD", "JPY") == 14964);  // cold: Redis fails, PostgreSQL answers
  CHECK(loads(fx, "database") == database + 1);
  CHECK(fx.call("GET", "/api/v1/fx/rates").status == 200);
  CHECK(fx.call("POST", "/api/v1/admin/fx/refresh", nullptr, "admin").status == 200);
  CHECK(fx.counter("agora_fx_redis_errors_total") > 0);
}

TEST_CASE("the staleness gauges follow the age of the newest rate") {
  FxApp fx(Overrides{{"fx.stale_after_s", "86400"}});
  const auto rendered = [&] { return fx.metrics().render(); };
  CHECK(rendered().find("agora_fx_rates_stale 1") != std::string::npos);  // nothing known yet
  fx.refresh();
  fx.call("GET", "/api/v1/fx/rates");
  fx.clock.set(Timestamp(std::chrono::sys_days(std::chrono::year(2026) / 11 / 24)) + std::chrono::hours(12));
  CHECK(rendered().find("agora_fx_rate_age_seconds 43200") != std::string::npos);
  CHECK(rendered().find("agora_fx_rates_stale 0") != std::string::npos);
  fx.clock.advance(std::chrono::hours(24));
  CHECK(rendered().find("agora_fx_rates_stale 1") != std::string::npos);
}
