// Order managers and administrators give back part or all of a captured payment
// (POST /api/v1/admin/payments/{id}/refunds, Idempotency-Key required): at most what is left of the
// capture, one call to the gateway per key, announced as payment.refunded once the gateway has done it.
#include "payment_app.hpp"

using namespace agora;
using namespace agora::payment;
using namespace agora::payment::test;

namespace {

// An order whose payment of `amount` is captured; its id.
std::string captured_order(PaymentApp& app, std::int64_t amount) {
  const auto order = app.request_payment("sandbox_ok", amount);
  REQUIRE(app.reaches(order, Status::authorized));
  app.place(order);
  REQUIRE(app.reaches(order, Status::captured));
  return order;
}

// Asks for a refund of the order's payment with the key ("": without one).
HttpResult refund(PaymentApp& app, const Account& staff, const std::string& order, const boost::json::value& body,
                  const std::string& key = new_id()) {
  std::map<std::string, std::string> headers;
  if (!key.empty()) headers.emplace("Idempotency-Key", key);
  return app.call("POST", "/api/v1/admin/payments/" + app.payment(order).id + "/refunds", body, staff.token, headers);
}

// Waits until the gateway has given back `total` of the order's payment in all.
bool refunded_in_all(PaymentApp& app, const std::string& order, std::int64_t total) {
  return eventually([&] { return app.payment(order).refunded == total; });
}

}  // namespace

TEST_CASE("an order manager refunds part of a captured payment: the gateway gives it back once, and it is announced") {
  PaymentApp app;
  const auto manager = app.account("{customer,order_manager}");
  const auto order = captured_order(app, 2500);

  const auto r = refund(app, manager, order, {{"amount", 1000}, {"reason", "a scratch on the lid"}});
  REQUIRE(r.status == 202);
  const auto json = r.json().as_object();
  const std::string refund_id(json.at("refund_id").as_string());
  const auto& answered = json.at("payment").as_object();
  CHECK(answered.at("status") == "refunding");
  const auto& call = answered.at("calls").as_array().back();
  CHECK(call.at("id") == refund_id.c_str());
  CHECK(call.at("kind") == "refund");
  CHECK(call.at("amount") == boost::json::value{{"amount", 1000}, {"currency", "USD"}});
  CHECK(call.at("reason") == "a scratch on the lid");

  REQUIRE(refunded_in_all(app, order, 1000));
  const auto p = app.payment(order);
  CHECK(p.status == Status::captured);  // the rest stays captured
  const auto refunded = app.published<events::Refunded>(p.id);
  REQUIRE(refunded.size() == 1);
  CHECK(refunded[0].refund_id == refund_id);
  CHECK(refunded[0].amount == 1000);
  CHECK(refunded[0].refunded_total == 1000);
  CHECK(sandbox_ledger().counts(order) == SandboxCounts{1, 1, 0, 1});
  CHECK(sandbox_ledger().requests(refund_id) == 1);

  const auto read = app.call("GET", "/api/v1/admin/payments/" + p.id, nullptr, manager.token).json();
  const auto& calls = read.at("calls").as_array();
  REQUIRE(calls.size() == 3);
  CHECK(calls[2].at("status") == "succeeded");
  CHECK(calls[2].at("reason") == "a scratch on the lid");
  CHECK(calls[1].at("reason").is_null());
}

TEST_CASE("a refund asked twice with the same key is made once and answered the same; the key on another is refused") {
  PaymentApp app;
  const auto admin = app.account("{customer,admin}");
  const auto order = captured_order(app, 2500);
  const auto key = new_id();

  const auto first = refund(app, admin, order, {{"amount", 700}}, key);
  REQUIRE(first.status == 202);
  const auto again = refund(app, admin, order, {{"amount", 700}}, key);
  CHECK(again.status == 202);
  CHECK(again.body == first.body);
  CHECK(again.headers.count("idempotent-replayed") == 1);

  const auto other = refund(app, admin, order, {{"amount", 300}}, key);
  CHECK(other.status == 422);
  CHECK(bad_fields(other) == std::vector<std::string>{"Idempotency-Key"});

  REQUIRE(refunded_in_all(app, order, 700));
  REQUIRE(app.handled());
  CHECK(app.calls(order).size() == 3);
  CHECK(app.published_count<events::Refunded>() == 1);
  CHECK(sandbox_ledger().counts(order).refunds == 1);
}

TEST_CASE(
    "refunds add up to the capture at most: the one over what is left is refused, and the last leaves it refunded") {
  PaymentApp app;
  const auto manager = app.account("{order_manager}");
  const auto order = captured_order(app, 2000);
  REQUIRE(refund(app, manager, order, {{"amount", 1500}}).status == 202);
  REQUIRE(refunded_in_all(app, order, 1500));

  const auto over = refund(app, manager, order, {{"amount", 501}});
  CHECK(over.status == 422);
  CHECK(bad_fields(over) == std::vector<std::string>{"amount"});
  CHECK(app.calls(order).size() == 3);

  REQUIRE(refund(app, manager, order, {{"amount", 500}}).status == 202);
  REQUIRE(app.reaches(order, Status::refunded));
  const auto refunded = app.published<events::Refunded>(app.payment(order).id);
  REQUIRE(refunded.size() == 2);
  CHECK(refunded[1].amount == 500);
  CHECK(refunded[1].refunded_total == 2000);
  CHECK(sandbox_ledger().counts(order).refunds == 2);

  const auto nothing_left = refund(app, manager, order, {{"amount", 1}});
  CHECK(nothing_left.status == 409);
  CHECK(app.calls(order).size() == 4);
}

TEST_CASE("a refund needs an Idempotency-Key and a positive whole amount; a reason is at most 500 characters") {
  PaymentApp app;
  const auto manager = app.account("{order_manager}");
  const auto order = captured_order(app, 2000);

  const auto keyless = refund(app, manager, order, {{"amount", 100}}, "");
  CHECK(keyless.status == 422);
  CHECK(bad_fields(keyless) == std::vector<std::string>{"Idempotency-Key"});
  const auto keyless_and_bad = refund(app, manager, order, {{"amount", 0}, {"colour", "red"}}, "");
  CHECK(keyless_and_bad.status == 422);
  CHECK(bad_fields(keyless_and_bad) == std::vector<std::string>{"Idempotency-Key", "amount", "colour"});
  for (const auto& amount : {boost::json::value("100"), boost::json::value(10.5), boost::json::value(-5),
                             boost::json::value(0), boost::json::value(nullptr)}) {
    const auto r = refund(app, manager, order, {{"amount", amount}});
    CHECK(r.status == 422);
    CHECK(bad_fields(r) == std::vector<std::string>{"amount"});
  }
  CHECK(bad_fields(refund(app, manager, order, {{"reason", "no amount"}})) == std::vector<std::string>{"amount"});
  CHECK(bad_fields(refund(app, manager, order, {{"amount", 100}, {"reason", std::string(501, 'x')}})) ==
        std::vector<std::string>{"reason"});
  CHECK(app.calls(order).size() == 2);
  CHECK(sandbox_ledger().counts(order).refunds == 0);
}

TEST_CASE("a customer may not refund a payment") {
  PaymentApp app;
  const auto customer = app.account();
  const auto order = captured_order(app, 2000);
  CHECK(refund(app, customer, order, {{"amount", 100}}).status == 403);
  CHECK(refund(app, Account{}, order, {{"amount", 100}}).status == 401);
  CHECK(app.calls(order).size() == 2);
}

TEST_CASE("a payment not captured, or with a call out, is not refunded (409)") {
  PaymentApp app(Overrides{{"payment.sandbox_latency_ms", "300"}});
  const auto manager = app.account("{order_manager}");
  const auto authorized = app.request_payment("sandbox_ok");
  REQUIRE(app.reaches(authorized, Status::authorized));
  const auto not_captured = refund(app, manager, authorized, {{"amount", 100}});
  CHECK(not_captured.status == 409);
  CHECK(agora::test::problem(not_captured).at("detail").as_string().find("no capture") != std::string::npos);
  CHECK(app.calls(authorized).size() == 1);

  const auto order = captured_order(app, 2000);
  REQUIRE(refund(app, manager, order, {{"amount", 100}}).status == 202);
  CHECK(refund(app, manager, order, {{"amount", 200}}).status == 409);  // the first is still out
  REQUIRE(refunded_in_all(app, order, 100));
  CHECK(app.calls(order).size() == 3);
}

TEST_CASE("a refund of an unknown payment, or of a malformed id, is 404") {
  PaymentApp app;
  const auto manager = app.account("{order_manager}");
  const auto post = [&](const std::string& id) {
    return app.call("POST", "/api/v1/admin/payments/" + id + "/refunds", {{"amount", 100}}, manager.token,
                    {{"Idempotency-Key", new_id()}});
  };
  CHECK(post(new_id()).status == 404);
  const auto malformed = post("not-a-uuid");
  CHECK(malformed.status == 404);
  CHECK(agora::test::problem(malformed).at("detail") == "no payment not-a-uuid");
}
