// Idempotency-Key: a repeated request replays the stored response and changes nothing twice; the
// key on another request is refused; a concurrent duplicate is a conflict; failures of ours are
// not kept.
#include "harness/harness.hpp"
#include "harness/http_client.hpp"

#include <agora/core/app.hpp>
#include <agora/core/db.hpp>
#include <agora/core/http.hpp>
#include <agora/core/ids.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <future>
#include <thread>

using namespace agora;
using namespace std::chrono_literals;

namespace {

class CallerAuth final : public http::Authenticator {
 public:
  std::optional<http::Principal> authenticate(const http::Request& r) override {
    const auto h = r.header("authorization");
    if (!h) return std::nullopt;
    return http::Principal{std::string(h->substr(7)), {"customer"}};
  }
};

// POST /orders inserts a row and answers 201 with its id; "slow" makes it wait; "broken" fails.
class OrdersModule final : public Module {
 public:
  std::atomic<int> runs{0};
  std::string_view name() const override { return "orders"; }
  void install(Platform& p) override {
    p.router.set_authenticator(std::make_shared<CallerAuth>());
    p.router.add(http::Method::post, "/orders",
                 [this, &db = p.db](const http::Request& req) {
                   ++runs;
                   const auto body = req.json();
                   if (body.as_object().contains("slow")) std::this_thread::sleep_for(500ms);
                   if (body.as_object().contains("broken")) throw std::runtime_error("the store went away");
                   if (body.as_object().contains("invalid"))
                     throw Error(ErrorKind::validation, "bad order", {{"invalid", "no"}});
                   const auto id = new_id();
                   db.transact([&](Tx& tx) {
                     tx.sql() << "CREATE TABLE IF NOT EXISTS public.orders_probe (id text)";
                     tx.sql() << "INSERT INTO public.orders_probe VALUES (:id)", soci::use(id);
                   });
                   auto r = http::Response::json({{"id", id}}, 201);
                   r.headers.emplace_back("Location", "/orders/" + id);
                   return r;
                 },
                 {.auth = true, .idempotent = true});
  }
};

struct OrdersApp {
  OrdersModule* orders = nullptr;
  Config config = test::test_config();
  App app{config,
          {[this] {
            auto m = std::make_unique<OrdersModule>();
            orders = m.get();
            return m;
          }},
          embedded_migrations()};
  std::string base = (app.start(), "http://127.0.0.1:" + std::to_string(app.port()));

  test::HttpResult post(const std::string& body, const std::string& key, const std::string& user = "u1") {
    test::HttpClient http(base);
    std::map<std::string, std::string> headers{{"Content-Type", "application/json"},
                                               {"Authorization", "Bearer " + user}};
    if (!key.empty()) headers["Idempotency-Key"] = key;
    return http.request("POST", "/orders", body, headers);
  }
  long long rows() {
    auto conn = app.platform().db.acquire();
    long long n = 0;
    *conn << "SELECT count(*) FROM public.orders_probe", soci::into(n);
    return n;
  }
};

}  // namespace

TEST_CASE("the same key and body replays the stored response and runs the handler once") {
  OrdersApp a;
  const auto first = a.post(R"({"item": 1})", "key-1");
  REQUIRE(first.status == 201);
  const auto again = a.post(R"({"item": 1})", "key-1");
  REQUIRE(again.status == 201);
  REQUIRE(again.body == first.body);
  REQUIRE(again.headers.at("location") == first.headers.at("location"));
  REQUIRE(again.headers.at("idempotent-replayed") == "true");
  REQUIRE(a.orders->runs == 1);
  REQUIRE(a.rows() == 1);
  REQUIRE(a.post(R"({"item": 1})", "").status == 201);  // no key: every request runs
  REQUIRE(a.rows() == 2);
  REQUIRE(a.post(R"({"item": 1})", "key-1", "u2").status == 201);  // keys belong to their caller
  REQUIRE(a.rows() == 3);
}

TEST_CASE("the same key with another body is refused, and so is a malformed key, each naming the header") {
  OrdersApp a;
  REQUIRE(a.post(R"({"item": 1})", "key-2").status == 201);
  const auto other = a.post(R"({"item": 2})", "key-2");
  REQUIRE(other.status == 422);
  REQUIRE(other.json().at("errors").at(0).at("field") == "Idempotency-Key");
  const auto malformed = a.post(R"({"item": 1})", std::string(300, 'k'));
  REQUIRE(malformed.status == 422);
  REQUIRE(malformed.json().at("errors").at(0).at("field") == "Idempotency-Key");
  REQUIRE(a.rows() == 1);
}

TEST_CASE("a duplicate sent while the first is in flight is a 409, and only one takes effect") {
  OrdersApp a;
  auto first = std::async(std::launch::async, [&] { return a.post(R"({"slow": true})", "key-3"); });
  std::this_thread::sleep_for(150ms);
  const auto second = a.post(R"({"slow": true})", "key-3");
  REQUIRE(second.status == 409);
  REQUIRE(first.get().status == 201);
  REQUIRE(a.rows() == 1);
  REQUIRE(a.post(R"({"slow": true})", "key-3").status == 201);  // replayed now
  REQUIRE(a.orders->runs == 1);
}

TEST_CASE("a validation failure is kept and replayed; a server failure is not, so a retry runs again") {
  OrdersApp a;
  REQUIRE(a.post(R"({"invalid": true})", "key-4").status == 422);
  REQUIRE(a.post(R"({"invalid": true})", "key-4").headers.at("idempotent-replayed") == "true");
  REQUIRE(a.orders->runs == 1);
  REQUIRE(a.post(R"({"broken": true})", "key-5").status == 500);
  REQUIRE(a.post(R"({"broken": true})", "key-5").status == 500);
  REQUIRE(a.orders->runs == 3);
}
