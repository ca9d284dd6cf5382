// PayPal's webhooks, delivered by the PayPal emulator with PayPal's transmission headers: accepted only
// when PayPal's verify-webhook-signature answers SUCCESS, stored once by event id, and processed after
// the answer: the buyer's approval authorizes (once, whether the buyer's return or the webhook comes
// first); repeated, late and out-of-order events change nothing twice.
#include "harness/paypal_emulator.hpp"
#include "payment_app.hpp"

using namespace agora;
using namespace agora::payment;
using namespace agora::payment::test;
using agora::test::kPaypalWebhookPath;
using agora::test::PaypalDelivery;
using agora::test::PaypalEmulator;
using namespace std::chrono_literals;

namespace {

HttpResult post_webhook(PaymentApp& app, const PaypalDelivery& delivery) {
  auto headers = delivery.headers;
  headers.emplace("Content-Type", "application/json");
  return app.http.request("POST", kPaypalWebhookPath, delivery.payload, headers);
}

// A guest's PayPal payment the buyer approved at PayPal: its order id and the approval's event.
std::pair<std::string, std::string> approved_at_paypal(PaymentApp& app, PaypalEmulator& paypal) {
  auto requested = PaymentApp::request_of(new_id(), "", 1999, "paypal");
  requested.customer_id = std::nullopt;
  app.publish(requested);
  const auto& order = requested.order_id;
  REQUIRE(app.reaches(order, Status::requires_action));
  paypal.approve(paypal.paypal_order(order));
  return {order, paypal.event_id("CHECKOUT.ORDER.APPROVED", order)};
}

long long confirm_calls(PaymentApp& app, const std::string& order) {
  const auto calls = app.calls(order);
  return std::count_if(calls.begin(), calls.end(), [](const Call& c) { return c.kind == CallKind::confirm; });
}

}  // namespace

TEST_CASE("the buyer's approval heard by PayPal's webhook authorizes the payment") {
  PaypalEmulator paypal;
  PaymentApp app(paypal.config());
  const auto [order, approval] = approved_at_paypal(app, paypal);
  CHECK(paypal.deliver(approval, app.base_url() + kPaypalWebhookPath) == 200);
  REQUIRE(app.reaches(order, Status::authorized));
  CHECK(app.outcome_of(approval) == "applied");
  CHECK(paypal.verifications() == 1);
  const auto authorized = app.published<events::Authorized>(app.payment(order).id);
  REQUIRE(authorized.size() == 1);
  CHECK(authorized[0].gateway == "paypal");
  CHECK(paypal.counted("authorized", order) == 1);
}

TEST_CASE("the buyer back at the shop, then the approval's webhook: authorized once") {
  PaypalEmulator paypal;
  PaymentApp app(paypal.config());
  const auto [order, approval] = approved_at_paypal(app, paypal);
  REQUIRE(app.buyer_back(order).status == 202);
  REQUIRE(app.reaches(order, Status::authorized));
  CHECK(paypal.deliver(approval, app.base_url() + kPaypalWebhookPath) == 200);
  CHECK(app.outcome_of(approval) == "stale");
  CHECK(confirm_calls(app, order) == 1);
  CHECK(paypal.counted("authorized", order) == 1);
  CHECK(app.published_count<events::Authorized>() == 1);
}

TEST_CASE("the approval's webhook, then the buyer back at the shop: authorized once") {
  PaypalEmulator paypal;
  PaymentApp app(paypal.config());
  const auto [order, approval] = approved_at_paypal(app, paypal);
  CHECK(paypal.deliver(approval, app.base_url() + kPaypalWebhookPath) == 200);
  REQUIRE(app.reaches(order, Status::authorized));
  const auto back = app.buyer_back(order);
  CHECK(back.status == 200);
  CHECK(back.json().at("status") == "authorized");
  CHECK(confirm_calls(app, order) == 1);
  CHECK(paypal.counted("authorized", order) == 1);
  CHECK(app.published_count<events::Authorized>() == 1);
}

TEST_CASE("a delivery PayPal does not verify, or one without its headers, is refused with 400 and nothing is stored") {
  PaypalEmulator paypal;
  PaymentApp app(paypal.config());
  const auto [order, approval] = approved_at_paypal(app, paypal);
  const auto good = paypal.delivery(approval);

  auto forged = good;
  forged.payload.replace(forged.payload.find(R"("value":"19.99")"), 15, R"("value":"00.01")");
  auto other_signature = good;
  other_signature.headers["PAYPAL-TRANSMISSION-SIG"] = paypal.delivery(approval).headers["PAYPAL-TRANSMISSION-SIG"];
  auto unknown_transmission = good;
  unknown_transmission.headers["PAYPAL-TRANSMISSION-ID"] = new_id();
  auto without_signature = good;
  without_signature.headers.erase("PAYPAL-TRANSMISSION-SIG");
  const auto verifications_before = paypal.verifications();
  for (const auto& delivery : {forged, other_signature, unknown_transmission, without_signature}) {
    const auto r = post_webhook(app, delivery);
    CHECK(r.status == 400);
    CHECK(r.headers.at("content-type").starts_with("application/problem+json"));
  }
  CHECK(paypal.verifications() == verifications_before + 3);  // a missing header is refused without asking
  CHECK(app.stored_events() == 0);
  CHECK(app.payment(order).status == Status::requires_action);

  REQUIRE(post_webhook(app, good).status == 200);
  REQUIRE(app.reaches(order, Status::authorized));
}

TEST_CASE("a delivery PayPal cannot verify now is answered 503, nothing stored, for PayPal to send it again") {
  PaypalEmulator paypal;
  PaymentApp app(paypal.config());
  const auto [order, approval] = approved_at_paypal(app, paypal);
  paypal.fail_next(1, 503);
  CHECK(paypal.deliver(approval, app.base_url() + kPaypalWebhookPath) == 503);
  CHECK(app.stored_events() == 0);
  CHECK(paypal.deliver(approval, app.base_url() + kPaypalWebhookPath) == 200);
  REQUIRE(app.reaches(order, Status::authorized));
}

TEST_CASE("a PayPal event delivered again is acknowledged and processed once") {
  PaypalEmulator paypal;
  PaymentApp app(paypal.config());
  const auto [order, approval] = approved_at_paypal(app, paypal);
  const auto url = app.base_url() + kPaypalWebhookPath;
  CHECK(paypal.deliver(approval, url) == 200);
  REQUIRE(app.reaches(order, Status::authorized));
  CHECK(paypal.deliver(approval, url) == 200);
  const auto replayed = paypal.delivery(approval);  // the same delivery posted twice
  CHECK(post_webhook(app, replayed).status == 200);
  CHECK(post_webhook(app, replayed).status == 200);
  CHECK(app.outcome_of(approval) == "applied");
  CHECK(app.stored_events() == 1);
  CHECK(confirm_calls(app, order) == 1);
  CHECK(app.published_count<events::Authorized>() == 1);
}

TEST_CASE("PayPal's events of what we did ourselves, late and in any order, change nothing") {
  PaypalEmulator paypal;
  PaymentApp app(paypal.config());
  const auto [order, approval] = approved_at_paypal(app, paypal);
  REQUIRE(app.buyer_back(order).status == 202);
  REQUIRE(app.reaches(order, Status::authorized));
  const auto authorization = *app.payment(order).gateway_ref;
  app.place(order);
  REQUIRE(app.reaches(order, Status::captured));
  app.cancel(order);
  REQUIRE(app.reaches(order, Status::refunded));
  const auto url = app.base_url() + kPaypalWebhookPath;
  for (const auto* type : {"PAYMENT.CAPTURE.REFUNDED", "PAYMENT.CAPTURE.COMPLETED", "PAYMENT.AUTHORIZATION.CREATED",
                           "CHECKOUT.ORDER.APPROVED"}) {
    const auto event = paypal.event_id(type, order);
    CHECK(paypal.deliver(event, url) == 200);
    CHECK(app.outcome_of(event) == "stale");
  }
  const auto p = app.payment(order);
  CHECK(p.status == Status::refunded);
  CHECK(p.gateway_ref == authorization);
  CHECK(p.refunded == 1999);
  CHECK(app.published_count<events::Authorized>() == 1);
  CHECK(app.published_count<events::Succeeded>() == 1);
  CHECK(app.published_count<events::Refunded>() == 1);
}

TEST_CASE("PayPal's event of a void we made changes nothing more") {
  PaypalEmulator paypal;
  PaymentApp app(paypal.config());
  const auto [order, approval] = approved_at_paypal(app, paypal);
  REQUIRE(app.buyer_back(order).status == 202);
  REQUIRE(app.reaches(order, Status::authorized));
  app.cancel(order);
  REQUIRE(app.reaches(order, Status::voided));
  const auto voided = paypal.event_id("PAYMENT.AUTHORIZATION.VOIDED", order);
  CHECK(paypal.deliver(voided, app.base_url() + kPaypalWebhookPath) == 200);
  CHECK(app.outcome_of(voided) == "stale");
  CHECK(app.published_count<events::Voided>() == 1);
}

TEST_CASE("a pending capture PayPal denies after review fails the payment, and a person is told") {
  PaypalEmulator paypal;
  PaymentApp app(paypal.config());
  const auto [order, approval] = approved_at_paypal(app, paypal);
  REQUIRE(app.buyer_back(order).status == 202);
  REQUIRE(app.reaches(order, Status::authorized));
  paypal.pend_next_captures(1);
  app.place(order);
  REQUIRE(app.reaches(order, Status::captured));  // PENDING is taken as done
  paypal.deny_capture(*app.calls(order).back().gateway_ref);
  const auto denied = paypal.event_id("PAYMENT.CAPTURE.DENIED", order);
  CHECK(paypal.deliver(denied, app.base_url() + kPaypalWebhookPath) == 200);
  REQUIRE(app.reaches(order, Status::failed));
  CHECK(app.outcome_of(denied) == "applied");
  const auto p = app.payment(order);
  CHECK(p.captured == 0);
  const auto failed = app.published<events::Failed>(p.id);
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].code == "DECLINED_BY_RISK_FRAUD_FILTERS");
}
