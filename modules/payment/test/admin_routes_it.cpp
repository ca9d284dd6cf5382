// Order managers and administrators read a payment with every call made for it, by its id or its
// order's; amounts are {"amount", "currency"} and the buyer's token is never shown.
#include "payment_app.hpp"

using namespace agora;
using namespace agora::payment;
using namespace agora::payment::test;

TEST_CASE("an order manager reads a payment with its calls") {
  PaymentApp app;
  const auto manager = app.account("{customer,order_manager}");
  const auto order = app.request_payment("sandbox_ok", 1999);
  REQUIRE(app.reaches(order, Status::authorized));
  const auto p = app.payment(order);

  const auto r = app.call("GET", "/api/v1/admin/payments/" + p.id, nullptr, manager.token);
  REQUIRE(r.status == 200);
  const auto json = r.json().as_object();
  CHECK(json.at("id") == p.id.c_str());
  CHECK(json.at("order_id") == order.c_str());
  CHECK(json.at("status") == "authorized");
  CHECK(json.at("amount") == boost::json::value{{"amount", 1999}, {"currency", "USD"}});
  CHECK(json.at("captured") == boost::json::value{{"amount", 0}, {"currency", "USD"}});
  CHECK(json.at("failure").is_null());
  CHECK_FALSE(json.contains("token"));
  CHECK(r.body.find("sandbox_ok") == std::string::npos);
  const auto& calls = json.at("calls").as_array();
  REQUIRE(calls.size() == 1);
  CHECK(calls[0].at("kind") == "authorize");
  CHECK(calls[0].at("status") == "succeeded");
  CHECK(calls[0].at("attempts") == 1);
  CHECK(calls[0].at("amount") == boost::json::value{{"amount", 1999}, {"currency", "USD"}});
}

TEST_CASE("an administrator finds an order's payment by the order's id") {
  PaymentApp app;
  const auto admin = app.account("{customer,admin}");
  const auto order = app.request_payment("sandbox_decline");
  REQUIRE(app.reaches(order, Status::failed));

  const auto r = app.call("GET", "/api/v1/admin/payments?order_id=" + order, nullptr, admin.token);
  REQUIRE(r.status == 200);
  const auto body = r.json();
  const auto& items = body.at("items").as_array();
  REQUIRE(items.size() == 1);
  CHECK(items[0].at("failure") ==
        boost::json::value{{"code", "card_declined"}, {"message", "Your card was declined."}});

  const auto none = app.call("GET", "/api/v1/admin/payments?order_id=" + new_id(), nullptr, admin.token);
  REQUIRE(none.status == 200);
  CHECK(none.json().at("items").as_array().empty());
}

TEST_CASE("a customer may not read payments") {
  PaymentApp app;
  const auto customer = app.account();
  const auto order = app.request_payment("sandbox_ok");
  REQUIRE(app.reaches(order, Status::authorized));
  CHECK(app.call("GET", "/api/v1/admin/payments/" + app.payment(order).id, nullptr, customer.token).status == 403);
  CHECK(app.call("GET", "/api/v1/admin/payments?order_id=" + order, nullptr, customer.token).status == 403);
  CHECK(app.call("GET", "/api/v1/admin/payments/" + app.payment(order).id).status == 401);
}

TEST_CASE("an unknown payment or a malformed id is 404; a missing or malformed order_id is 422 naming it") {
  PaymentApp app;
  const auto manager = app.account("{order_manager}");
  const auto unknown = app.call("GET", "/api/v1/admin/payments/" + new_id(), nullptr, manager.token);
  CHECK(unknown.status == 404);
  CHECK(agora::test::problem(unknown).at("status") == 404);

  const auto malformed = app.call("GET", "/api/v1/admin/payments/not-a-uuid", nullptr, manager.token);
  CHECK(malformed.status == 404);
  CHECK(agora::test::problem(malformed).at("detail") == "no payment not-a-uuid");
  CHECK(bad_fields(app.call("GET", "/api/v1/admin/payments?order_id=42", nullptr, manager.token)) ==
        std::vector<std::string>{"order_id"});
  CHECK(bad_fields(app.call("GET", "/api/v1/admin/payments", nullptr, manager.token)) ==
        std::vector<std::string>{"order_id"});
}
