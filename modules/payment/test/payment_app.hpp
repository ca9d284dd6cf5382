#pragma once
// A real agora server with the payment module (and the user module, for access tokens) on a fresh
// database, a manual clock, order events published as the order module will publish them, the
// payments read from their tables, the buyer back from a gateway's page, the gateways' events stored,
// and what the sandbox gateway did for each order.
#include "gateways/sandbox_ledger.hpp"
#include "harness/eventually.hpp"
#include "harness/harness.hpp"
#include "harness/http_client.hpp"
#include "harness/problems.hpp"
#include "harness/test_app.hpp"
#include "store/call_store.hpp"
#include "store/payment_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/prepared.hpp>
#include <agora/order/events.hpp>
#include <agora/payment/events.hpp>
#include <agora/payment/module.hpp>
#include <agora/user/module.hpp>
#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <map>
#include <string>

namespace agora::payment::test {
using agora::test::bad_fields;
using agora::test::eventually;
using agora::test::HttpResult;
using Overrides = std::map<std::string, std::string>;

inline Overrides with_defaults(Overrides o) {
  // The key-encryption key the user module seals signing keys with (32 bytes, base64).
  o.emplace("auth.key_encryption_secret", "dGVzdCBrZXktZW5jcnlwdGlvbiBrZXkgMzIgYnl0ZXM=");
  o.emplace("payment.resume_interval_ms", "20");
  o.emplace("payment.retry_base_ms", "1000");
  return o;
}

// A signed-in account: its id and access token.
struct Account {
  std::string id;
  std::string token;
};

struct PaymentApp : agora::test::TestApp {
  explicit PaymentApp(Overrides overrides = {})
      : TestApp(agora::test::test_config(with_defaults(std::move(overrides))), {make_module, user::make_module}) {}

  // Publishes an event as the order module would.
  template <TypedEvent T>
  void publish(const T& event) {
    db().transact([&](Tx& tx) { tx.publish(event); });
  }

  // Asks for the payment of a new order; returns the order's id.
  std::string request_payment(const std::string& token, std::int64_t amount = 1999,
                              const std::string& gateway = "sandbox") {
    const auto order_id = new_id();
    publish(request_of(order_id, token, amount, gateway));
    return order_id;
  }
  static order::events::PaymentRequested request_of(const std::string& order_id, const std::string& token,
                                                    std::int64_t amount = 1999,
                                                    const std::string& gateway = "sandbox") {
    return {order_id, new_id(), "buyer@example.com", amount, "USD", gateway, token, "https://shop.example/back"};
  }
  void place(const std::string& order_id) {
    publish(order::events::Placed{order_id, "A-1", std::nullopt, "", "USD", 0});
  }
  void cancel(const std::string& order_id) { publish(order::events::Cancelled{order_id, "customer"}); }
  // A shipment of the order, as the order module tells of it.
  static order::events::FulfillmentCreated shipment_of(const std::string& order_id) {
    return {order_id, new_id(), "UPS", "1Z999AA10123456784", {{"SKU-1", 1}}, false};
  }

  // A payment of 15.00 EUR for a new order through `gateway`, as the payment module makes one now, not
  // stored yet.
  Payment new_payment(const std::string& gateway, const std::string& token) {
    Payment p;
    p.id = new_id();
    p.order_id = new_id();
    p.gateway = gateway;
    p.token = token;
    p.amount = 1500;
    p.currency = "EUR";
    p.created_at = p.updated_at = clock.now();
    return p;
  }
  // The payment and its call stored as a crash (or an earlier version) may have left them.
  void store(const Payment& p, const Call& c) {
    db().transact([&](Tx& tx) {
      payment_store::insert(tx.sql(), p);
      call_store::insert(tx.sql(), c);
    });
  }

  // The order's payment as stored; fails the test when it has none.
  Payment payment(const std::string& order_id) {
    auto conn = db().acquire();
    const auto p = payment_store::by_order(*conn, order_id);
    REQUIRE(p);
    return *p;
  }
  std::vector<Call> calls(const std::string& order_id) {
    const auto id = payment(order_id).id;
    auto conn = db().acquire();
    return call_store::of_payment(*conn, id);
  }
  // Attempts of the order's first call (its authorize) so far; -1 before the call is stored.
  long long attempts_of(const std::string& order_id) {
    return count(
        "SELECT c.attempts FROM payment.calls c JOIN payment.payments p ON p.id = c.payment_id WHERE p.order_id = $1"
        " ORDER BY c.created_at LIMIT 1",
        {order_id});
  }
  // The order's payment is captured, once, for `amount`: one payment.succeeded, two calls (its
  // authorize and its capture), each done once at the sandbox.
  void check_captured_once(const std::string& order_id, std::int64_t amount) {
    const auto p = payment(order_id);
    CHECK(p.status == Status::captured);
    CHECK(p.captured == amount);
    CHECK(p.captured_at);
    const auto succeeded = published<events::Succeeded>(p.id);
    REQUIRE(succeeded.size() == 1);
    CHECK(succeeded[0].order_id == order_id);
    CHECK(succeeded[0].amount == amount);
    CHECK(succeeded[0].currency == p.currency);
    CHECK(calls(order_id).size() == 2);
    CHECK(sandbox_ledger().counts(order_id) == SandboxCounts{1, 1, 0, 0});
  }
  // Waits until the order's payment has the status.
  bool reaches(const std::string& order_id, Status status) {
    return eventually([&] {
      auto conn = db().acquire();
      const auto p = payment_store::by_order(*conn, order_id);
      return p && p->status == status;
    });
  }

  // The buyer back from the gateway's page (signed in with `bearer`, or a guest).
  HttpResult buyer_back(const std::string& order_id, const std::string& bearer = "") {
    return call("POST", "/api/v1/payments/orders/" + order_id + "/return", nullptr, bearer);
  }

  long long stored_events() { return count("SELECT count(*) FROM payment.webhook_events"); }
  // Waits until the gateway's event is processed; its outcome then.
  std::string outcome_of(const std::string& event_id) {
    const auto sql = "SELECT count(*) FROM payment.webhook_events WHERE id = $1 AND processed_at IS NOT NULL";
    REQUIRE(eventually([&] { return count(sql, {event_id}) == 1; }));
    auto conn = db().acquire();
    return prepared::run(*conn, "SELECT outcome FROM payment.webhook_events WHERE id = $1", {event_id})
        .get<std::string>(0, "outcome");
  }

  // A new account signed in with the password grant, holding `roles`.
  Account account(const std::string& roles = "{customer}") {
    const auto email = "staff-" + new_id() + "@example.com";
    const std::string password = "correct horse battery staple";
    const auto r =
        call("POST", "/api/v1/auth/register", {{"email", email}, {"password", password}, {"name", "Someone"}});
    REQUIRE(r.status == 201);
    const std::string id(r.json().at("id").as_string());
    db().transact([&](Tx& tx) {
      prepared::run(tx.sql(), "UPDATE \"user\".accounts SET roles = CAST($2 AS text[]) WHERE id = $1", {id, roles});
    });
    const auto t =
        call("POST", "/api/v1/auth/token", {{"grant_type", "password"}, {"email", email}, {"password", password}});
    REQUIRE(t.status == 200);
    return {id, std::string(t.json().at("access_token").as_string())};
  }
};

}  // namespace agora::payment::test
