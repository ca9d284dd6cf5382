// order.payment_requested makes the order's payment and authorizes it with the gateway: the answer
// is published as payment.authorized, payment.failed or payment.requires_action, and a redelivered
// request makes no second payment and no second charge.
#include "payment_app.hpp"

using namespace agora;
using namespace agora::payment;
using namespace agora::payment::test;

TEST_CASE("a sandbox_ok payment is authorized for the order's amount") {
  PaymentApp app;
  const auto order = app.request_payment("sandbox_ok", 4250);
  REQUIRE(app.reaches(order, Status::authorized));
  const auto p = app.payment(order);
  const auto authorized = app.published<events::Authorized>(p.id);
  REQUIRE(authorized.size() == 1);
  CHECK(authorized[0].order_id == order);
  CHECK(authorized[0].gateway == "sandbox");
  CHECK(authorized[0].amount == 4250);
  CHECK(authorized[0].currency == "USD");
  CHECK(p.gateway_ref == "sbx_auth_" + app.calls(order).at(0).id);
  CHECK(sandbox_ledger().counts(order) == SandboxCounts{1, 0, 0, 0});
}

TEST_CASE("a declined card fails the payment with the gateway's code, for the buyer to read") {
  PaymentApp app;
  const auto declined = app.request_payment("sandbox_decline");
  const auto short_of_funds = app.request_payment("sandbox_insufficient_funds");
  REQUIRE(app.reaches(declined, Status::failed));
  REQUIRE(app.reaches(short_of_funds, Status::failed));
  const auto failed = app.published<events::Failed>(app.payment(declined).id);
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].order_id == declined);
  CHECK(failed[0].code == "card_declined");
  CHECK(failed[0].message == "Your card was declined.");
  CHECK(app.published<events::Failed>(app.payment(short_of_funds).id).at(0).code == "insufficient_funds");
  CHECK(app.published_count<events::Authorized>() == 0);
  const auto call = app.calls(declined).at(0);
  CHECK(call.status == CallStatus::failed);
  CHECK(call.last_error == "card_declined: Your card was declined.");
}

TEST_CASE("a card that needs the buyer's action publishes where the buyer acts, and waits") {
  PaymentApp app;
  const auto order = app.request_payment("sandbox_action");
  REQUIRE(app.reaches(order, Status::requires_action));
  const auto p = app.payment(order);
  const auto action = app.published<events::ActionRequired>(p.id);
  REQUIRE(action.size() == 1);
  CHECK(action[0].order_id == order);
  CHECK(action[0].action == "redirect");
  CHECK(action[0].url == "https://sandbox.agora.invalid/authenticate/" + *p.gateway_ref);
  CHECK(p.action_url == action[0].url);
  CHECK(app.published_count<events::Authorized>() == 0);
}

TEST_CASE("a payment_requested delivered twice makes one payment and one authorization") {
  PaymentApp app;
  const auto order = new_id();
  const auto requested = PaymentApp::request_of(order, "sandbox_ok");
  app.publish(requested);
  app.publish(requested);
  REQUIRE(app.handled("payment.order_reactions"));
  REQUIRE(app.reaches(order, Status::authorized));
  CHECK(app.count("SELECT count(*) FROM payment.payments WHERE order_id = $1", {order}) == 1);
  CHECK(app.calls(order).size() == 1);
  CHECK(app.published_count<events::Authorized>() == 1);
  CHECK(sandbox_ledger().counts(order) == SandboxCounts{1, 0, 0, 0});
}

TEST_CASE("a payment through a gateway this shop does not use fails at once, without a call") {
  PaymentApp app;
  const auto order = app.request_payment("pm_card_visa", 1999, "stripe");
  REQUIRE(app.reaches(order, Status::failed));
  const auto failed = app.published<events::Failed>(app.payment(order).id);
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].code == "gateway_unavailable");
  CHECK(app.calls(order).empty());
}

TEST_CASE("a card number sent as the token fails the payment and is not stored") {
  PaymentApp app;
  const auto order = app.request_payment("4242 4242 4242 4242");
  REQUIRE(app.reaches(order, Status::failed));
  const auto p = app.payment(order);
  CHECK(p.token.empty());
  CHECK(app.published<events::Failed>(p.id).at(0).code == "invalid_payment_method");
  CHECK(app.calls(order).empty());
}

TEST_CASE("a payment_requested without a positive amount is dead-lettered, making no payment") {
  PaymentApp app;
  const auto order = app.request_payment("sandbox_ok", 0);
  REQUIRE(app.handled("payment.order_reactions"));
  CHECK(app.count("SELECT count(*) FROM payment.payments WHERE order_id = $1", {order}) == 0);
  const auto dead = app.app.platform().events.dead_letters(10);
  REQUIRE(dead.size() == 1);
  CHECK(dead[0].subscriber == "payment.order_reactions");
}

TEST_CASE("gateway calls are counted by gateway, kind and outcome") {
  PaymentApp app;
  REQUIRE(app.reaches(app.request_payment("sandbox_ok"), Status::authorized));
  REQUIRE(app.reaches(app.request_payment("sandbox_decline"), Status::failed));
  const auto text = app.metrics().render();
  CHECK(text.find("agora_payment_calls_total{gateway=\"sandbox\",kind=\"authorize\",outcome=\"succeeded\"} 1") !=
        std::string::npos);
  CHECK(text.find("agora_payment_calls_total{gateway=\"sandbox\",kind=\"authorize\",outcome=\"declined\"} 1") !=
        std::string::npos);
}
