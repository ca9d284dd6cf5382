// Rate limits per client and rate class, shared by instances through Redis, local while it is down.
#include "harness/bearer_roles.hpp"
#include "harness/eventually.hpp"
#include "harness/harness.hpp"
#include "harness/http_client.hpp"

#include <agora/core/app.hpp>
#include <agora/core/error.hpp>
#include <agora/core/metrics.hpp>
#include <agora/core/redis.hpp>

#include <catch2/catch.hpp>

#include <memory>

using namespace agora;
using namespace std::chrono_literals;
using agora::test::eventually;

namespace {

// An app with limits on: "read" 3 per minute, the routes' own class "export" 1 per minute.
std::map<std::string, std::string> limits(std::map<std::string, std::string> more = {}) {
  std::map<std::string, std::string> o{{"rate_limit.enabled", "true"},
                                       {"rate_limit.policies",
                                        "auth=5/60,read=3/60,write=5/60,admin=5/60,search=5/60,"
                                        "export=1/60"},
                                       {"http.trusted_proxies", "127.0.0.1"}};
  for (auto& [k, v] : more) o[k] = v;
  return o;
}

struct LimitedApp {
  std::unique_ptr<App> app;
  std::unique_ptr<test::HttpClient> http;

  explicit LimitedApp(std::map<std::string, std::string> overrides = limits()) {
    app = std::make_unique<App>(test::test_config(std::move(overrides)),
                                std::vector<ModuleFactory>{[] { return std::make_unique<test::BearerRolesModule>(); }},
                                embedded_migrations());
    auto& router = app->platform().router;
    const auto ok = [](const http::Request&) { return http::Response::json({{"ok", true}}); };
    router.add(http::Method::get, "/things", ok);
    router.add(http::Method::get, "/things/inline", ok, {.run_inline = true});
    router.add(http::Method::post, "/things", ok);
    router.add(http::Method::get, "/export", ok, {.rate_class = "export"});
    router.add(http::Method::get, "/unlimited", ok, {.rate_class = "none"});
    app->start();
    http = std::make_unique<test::HttpClient>("http://127.0.0.1:" + std::to_string(app->port()));
  }
  ~LimitedApp() { app->stop(); }

  // A request from `client`, an address the trusted proxy (the test, on 127.0.0.1) forwards.
  test::HttpResult get(const std::string& path, const std::string& client) {
    return http->request("GET", path, "", {{"X-Forwarded-For", client}});
  }
  double metric(const std::string& line_start) {
    const auto text = app->platform().metrics.render();
    const auto at = text.find("\n" + line_start + " ");
    return at == std::string::npos ? -1 : std::stod(text.substr(at + line_start.size() + 2));
  }
};

// A client address no other request of the test run used (the budgets live in its one Redis).
std::string fresh_client() {
  static int n = 0;
  return "203.0.113." + std::to_string(++n);
}

}  // namespace

TEST_CASE("a client over its limit gets 429 with Retry-After and the RateLimit headers; another client does not") {
  LimitedApp a;
  const auto client = fresh_client();
  for (int i = 1; i <= 3; ++i) {
    const auto r = a.get("/things", client);
    INFO(r.body);
    REQUIRE(r.status == 200);
    REQUIRE(r.headers.at("ratelimit-policy") == "\"read\";q=3;w=60");
    // 3 per minute: each request uses 20 s of the bucket, which then refills evenly.
    REQUIRE(r.headers.at("ratelimit") == "\"read\";r=" + std::to_string(3 - i) + ";t=" + std::to_string(20 * i));
  }
  const auto refused = a.get("/things", client);
  REQUIRE(refused.status == 429);
  REQUIRE(refused.headers.at("content-type") == "application/problem+json");
  REQUIRE(refused.json().at("type").as_string() == error_type_uri(ErrorKind::too_many_requests));
  REQUIRE(refused.headers.at("retry-after") == "20");
  REQUIRE(refused.headers.at("ratelimit") == "\"read\";r=0;t=60");
  // The class is the client's budget on every route of it, inline ones included.
  REQUIRE(a.get("/things/inline", client).status == 429);
  // Other classes and other clients have budgets of their own; "none" is not limited.
  REQUIRE(a.http->request("POST", "/things", "", {{"X-Forwarded-For", client}}).status == 200);
  REQUIRE(a.get("/things", fresh_client()).status == 200);
  const auto unlimited = a.get("/unlimited", client);
  REQUIRE(unlimited.status == 200);
  REQUIRE(unlimited.headers.count("ratelimit") == 0);
  REQUIRE(a.metric("agora_rate_limit_refused_total{class=\"read\"}") == 2);
}

TEST_CASE("an inline route's first request of a client waits for Redis on the worker pool, the rest decide at once") {
  LimitedApp a;
  const auto client = fresh_client();
  REQUIRE(a.get("/things/inline", client).status == 200);
  REQUIRE(a.get("/things/inline", client).status == 200);
  REQUIRE(a.get("/things/inline", client).status == 200);
  REQUIRE(a.get("/things/inline", client).status == 429);
}

TEST_CASE("the client is the access token's user, else its address; X-Forwarded-For counts only from a trusted proxy") {
  SECTION("two users behind one address have a budget each") {
    LimitedApp a;
    const auto client = fresh_client();
    const auto as = [&](const std::string& user) {
      return a.http->request("GET", "/export", "",
                             {{"X-Forwarded-For", client}, {"Authorization", "Bearer c " + user}});
    };
    const std::string alice = "alice", bob = "bob";
    REQUIRE(as(alice).status == 200);
    REQUIRE(as(alice).status == 429);
    REQUIRE(as(bob).status == 200);
  }
  SECTION("a forged X-Forwarded-For from an untrusted peer does not make a new client") {
    auto overrides = limits();
    overrides.erase("http.trusted_proxies");
    LimitedApp a(overrides);
    // The peer is 127.0.0.1 whatever it forwards; the export class allows it once a minute, so
    // this runs once per Redis (a second run of the case would find the budget spent).
    const auto first = a.get("/export", fresh_client());
    REQUIRE((first.status == 200 || first.status == 429));
    REQUIRE(a.get("/export", fresh_client()).status == 429);
  }
}

TEST_CASE("two instances share one budget through Redis") {
  LimitedApp a, b;
  const auto client = fresh_client();
  REQUIRE(a.get("/things", client).status == 200);
  REQUIRE(a.get("/things", client).status == 200);
  // The second was decided in memory; it reaches Redis with the next sync (10 ms).
  auto& redis = a.app->platform().redis;
  const auto key = "agora:rate:read|addr:" + client;
  REQUIRE(eventually([&] { return redis.command({"PTTL", key}).integer > 35'000; }));
  REQUIRE(b.get("/things", client).status == 200);
  REQUIRE(b.get("/things", client).status == 429);
  REQUIRE(eventually([&] { return a.get("/things", client).status == 429; }));
}

TEST_CASE("with Redis stopped each instance limits on its own and says so; shared again when it is back") {
  LimitedApp a;
  const auto client = fresh_client();
  REQUIRE(a.metric("agora_rate_limit_local_only") == 0);
  test::Stores::get().stop_redis();
  for (int i = 0; i < 3; ++i) REQUIRE(a.get("/things", client).status == 200);
  REQUIRE(a.get("/things", client).status == 429);
  REQUIRE(a.metric("agora_rate_limit_local_only") == 1);
  REQUIRE(a.metric("agora_rate_limit_redis_errors_total") >= 1);
  test::Stores::get().start_redis();
  REQUIRE(eventually([&] { return a.metric("agora_rate_limit_local_only") == 0; }, 10s));
  // What was admitted while Redis was away reached it when it came back.
  const auto key = "agora:rate:read|addr:" + client;
  REQUIRE(eventually([&] { return a.app->platform().redis.command({"PTTL", key}).integer > 35'000; }));
}

TEST_CASE("a route whose rate class has no limit, or a policy that does not read, is refused at start") {
  REQUIRE_THROWS_AS(LimitedApp(limits({{"rate_limit.policies", "read=3/60,read=4/60"}})), ConfigError);
  REQUIRE_THROWS_AS(LimitedApp(limits({{"rate_limit.policies", "read=three/60"}})), ConfigError);
  REQUIRE_THROWS_WITH(LimitedApp(limits({{"rate_limit.policies", "auth=5/60,read=3/60,write=5/60,admin=5/60"}})),
                      Catch::Contains("rate class 'export' has no limit"));
}
