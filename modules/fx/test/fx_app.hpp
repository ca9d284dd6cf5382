#pragma once
// A real agora server with the fx module on a fresh database, a manual clock and an HTTP client;
// a bearer token names the caller's role ("Bearer admin"), and a small HTTP server stands in for
// the ECB so tests can change, or break, what it answers.
#include "harness/harness.hpp"
#include "harness/http_client.hpp"
#include "harness/problems.hpp"
#include "harness/test_app.hpp"

#include <agora/core/app.hpp>
#include <agora/core/db.hpp>
#include <agora/core/http.hpp>
#include <agora/core/metrics.hpp>
#include <agora/core/redis.hpp>
#include <agora/fx/module.hpp>
#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <condition_variable>
#include <map>
#include <mutex>
#include <string>

namespace agora::fx::test {

using agora::test::HttpResult;
using Overrides = std::map<std::string, std::string>;  // "section.key" -> value

inline const std::string kEcbFile = "modules/fx/test/data/eurofxref-daily.xml";

// "Bearer <role>" authenticates a user holding that one role.
class RoleAuthenticator final : public http::Authenticator {
 public:
  std::optional<http::Principal> authenticate(const http::Request& request) override {
    const auto h = request.header("authorization");
    if (!h || !h->starts_with("Bearer ")) return std::nullopt;
    const std::string role(h->substr(7));
    return http::Principal{"user-" + role, {role}};
  }
};

// Serves /eurofxref-daily.xml: an ECB document for one day, a 500 while broken, or nothing while
// silent (the request waits until the next publish() or break_down()).
class FakeEcb {
 public:
  FakeEcb() {
    router_.add(http::Method::get, "/eurofxref-daily.xml", [this](const http::Request&) {
      std::unique_lock lock(mutex_);
      ++asked_;
      spoke_.wait(lock, [this] { return !silent_; });
      if (broken_) return http::Response::text("down for maintenance", "text/plain", 500);
      return http::Response::text(document_, "text/xml");
    });
    server_.start();
  }
  ~FakeEcb() {
    break_down();
    server_.stop();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(server_.port()) + "/eurofxref-daily.xml"; }

  // rates: {"USD", "1.0856"}, ...
  void publish(const std::string& day, const std::map<std::string, std::string>& rates) {
    std::string cubes;
    for (const auto& [currency, rate] : rates) cubes += "<Cube currency='" + currency + "' rate='" + rate + "'/>";
    {
      std::lock_guard lock(mutex_);
      broken_ = silent_ = false;
      document_ =
          "<?xml version='1.0' encoding='UTF-8'?><gesmes:Envelope xmlns:gesmes='http://www.gesmes.org/xml/2002-08-01'"
          " xmlns='http://www.ecb.int/vocabulary/2002-08-01/eurofxref'><Cube><Cube time='" +
          day + "'>" + cubes + "</Cube></Cube></gesmes:Envelope>";
    }
    spoke_.notify_all();
  }
  void break_down() {
    {
      std::lock_guard lock(mutex_);
      broken_ = true;
      silent_ = false;
    }
    spoke_.notify_all();
  }
  void go_silent() {
    std::lock_guard lock(mutex_);
    silent_ = true;
  }
  int asked() {  // requests received so far, answered or not
    std::lock_guard lock(mutex_);
    return asked_;
  }

 private:
  Metrics metrics_;
  http::Router router_;
  http::Server server_{{.host = "127.0.0.1", .port = 0, .io_threads = 1, .workers = 1}, router_, metrics_};
  std::mutex mutex_;
  std::condition_variable spoke_;
  std::string document_;
  bool broken_ = true;
  bool silent_ = false;
  int asked_ = 0;
};

struct FxApp : agora::test::TestApp {
  // Reads the shipped ECB sample unless overrides say otherwise. Redis outlives each test's
  // database: a table cached by an earlier test must not leak in.
  explicit FxApp(Overrides overrides = {})
      : TestApp(agora::test::test_config(with_defaults(std::move(overrides))), {make_module}, [](App& app) {
          app.platform().redis.command({"FLUSHDB"});
          app.platform().router.set_authenticator(std::make_shared<RoleAuthenticator>());
        }) {}

  static std::map<std::string, std::string> with_defaults(std::map<std::string, std::string> o) {
    o.try_emplace("fx.providers", "ecb");
    o.try_emplace("fx.ecb_url", kEcbFile);
    o.try_emplace("fx.refresh_interval_s", "86400");
    return o;
  }

  boost::json::object refresh() {
    const auto r = call("POST", "/api/v1/admin/fx/refresh", nullptr, "admin");
    INFO(r.body);
    REQUIRE(r.status == 200);
    return r.json().as_object();
  }

  // POST /api/v1/fx/convert; returns the whole answer.
  HttpResult convert(std::int64_t minor, const std::string& from, const std::string& to, const std::string& at = "") {
    boost::json::object body{{"amount", {{"amount", minor}, {"currency", from}}}, {"to", to}};
    if (!at.empty()) body["at"] = at;
    return call("POST", "/api/v1/fx/convert", body);
  }
  std::int64_t converted(std::int64_t minor, const std::string& from, const std::string& to) {
    const auto r = convert(minor, from, to);
    INFO(r.body);
    REQUIRE(r.status == 200);
    return r.json().at("amount").at("amount").as_int64();
  }

  double counter(const std::string& name, const Labels& labels = {}) {
    return metrics().counter(name, "", labels).value();
  }
};

using agora::test::bad_fields;
using agora::test::problem;

}  // namespace agora::fx::test
