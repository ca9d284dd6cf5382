#pragma once
// A fresh migrated database with the event bus writing the outbox and a manual clock: enough to
// drive the category and review services directly. Products and variants are inserted as rows,
// since their service is not part of these tests.
#include "harness/eventually.hpp"
#include "harness/harness.hpp"
#include "harness/test_app.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/events.hpp>
#include <agora/core/http.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/metrics.hpp>
#include <agora/core/prepared.hpp>
#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace agora::catalog::test {
using agora::test::eventually;

using namespace std::chrono_literals;

inline EventBusOptions fast_bus() {
  return {.poll_interval = 50ms,
          .retry_base = 20ms,
          .retry_max = 100ms,
          .max_attempts = 2,
          .retention = std::chrono::hours(1)};
}

struct PartsDb {
  ManualClock clock{std::chrono::system_clock::now()};
  Metrics metrics;
  // Every event committed, as a subscriber of every topic sees it once the bus runs. Declared
  // before the bus: it outlives the dispatchers that call it.
  agora::test::EventRecorder recorder;
  Database db;
  EventBus bus;

  PartsDb()
      : db({.url = agora::test::Stores::get().fresh_database(), .pool_size = 8}, metrics, clock),
        bus(db, metrics, fast_bus()) {
    recorder.attach(bus);
  }

  // Starts the bus (once): its dispatchers, the recorder's among them, run from then on.
  void start() {
    if (started_) return;
    bus.start();
    started_ = true;
  }

  // A product with one variant per SKU; returns its id.
  std::string product(const std::vector<std::string>& skus = {}, const std::string& status = "active",
                      const std::optional<std::string>& category_id = std::nullopt) {
    const auto id = new_id();
    const auto now = clock.now();
    db.transact([&](Tx& tx) {
      prepared::run(
          tx.sql(),
          "INSERT INTO catalog.products (id, slug, status, category_id, default_locale, created_at, updated_at)"
          " VALUES ($1, $2, $3, $4, 'en', $5, $5)",
          {id, "p-" + id, status, category_id, now});
      int position = 0;
      for (const auto& sku : skus)
        prepared::run(tx.sql(), "INSERT INTO catalog.variants (id, product_id, sku, position) VALUES ($1, $2, $3, $4)",
                      {new_id(), id, sku, position++});
    });
    return id;
  }

  // The first column of the query's first row, with $1, $2, ... bound to `params`.
  long long count(const std::string& sql, const std::vector<prepared::Param>& params = {}) {
    auto conn = db.acquire();
    return prepared::run(*conn, sql, params).get<long long>(0, 0);
  }

  // The events of type T committed so far with this key, oldest first (starts the bus).
  template <TypedEvent T>
  std::vector<T> published(const std::string& key) {
    start();
    REQUIRE(recorder.caught_up());
    return recorder.seen<T>(key);
  }

 private:
  bool started_ = false;
};

// The kind of agora::Error that f throws and its field names, sorted; nullopt when f succeeds.
// Asserts nothing, so threads may use it.
struct Thrown {
  ErrorKind kind = ErrorKind::internal;
  std::vector<std::string> fields;
};
inline std::optional<Thrown> attempt(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    Thrown t{e.kind(), {}};
    for (const auto& fe : e.fields()) t.fields.push_back(fe.field);
    std::sort(t.fields.begin(), t.fields.end());
    return t;
  }
  return std::nullopt;
}
inline Thrown thrown(const std::function<void()>& f) {
  const auto t = attempt(f);
  REQUIRE(t);
  return *t;
}

// Requests straight into a router, no server: who calls is named by the test. Enough to check
// views, status codes and role checks of the routes until module.cpp serves them over HTTP.
class RouterClient {
 public:
  struct Caller {
    std::string user_id;  // "" for anonymous
    std::vector<std::string> roles;
  };

  RouterClient() { router.set_authenticator(std::make_shared<Named>(caller_)); }

  http::Response call(http::Method method, const std::string& target, const boost::json::value& body = nullptr,
                      Caller caller = {}) {
    caller_ = std::move(caller);
    http::Request req;
    req.method = method;
    req.path = target.substr(0, target.find('?'));
    if (const auto q = target.find('?'); q != std::string::npos)
      for (std::string_view rest = std::string_view(target).substr(q + 1); !rest.empty();) {
        const auto pair = rest.substr(0, rest.find('&'));
        const auto eq = pair.find('=');
        req.query.emplace_back(std::string(pair.substr(0, eq)),
                               eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1)));
        rest.remove_prefix(std::min(rest.size(), pair.size() + 1));
      }
    if (!body.is_null()) {
      req.headers.emplace_back("content-type", "application/json");
      req.body = boost::json::serialize(body);
    }
    const auto match = router.match(method, req.path);
    REQUIRE(match.route);
    req.params = match.params;
    return router.handle(*match.route, req);
  }

  http::Router router;

 private:
  struct Named final : http::Authenticator {
    explicit Named(const Caller& c) : caller(c) {}
    std::optional<http::Principal> authenticate(const http::Request&) override {
      if (caller.user_id.empty()) return std::nullopt;
      return http::Principal{caller.user_id, caller.roles};
    }
    const Caller& caller;
  };
  Caller caller_;
};

inline boost::json::value body_of(const http::Response& r) { return boost::json::parse(r.body); }

}  // namespace agora::catalog::test
