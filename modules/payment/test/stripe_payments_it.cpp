// Payments through Stripe, against the Stripe emulator: authorized as a PaymentIntent with manual
// capture, declined with Stripe's decline code, sent to 3-D Secure by Stripe's redirect URL, captured,
// voided and refunded; an answer lost to a 500 or a timeout is asked for again with the same key, and
// Stripe makes one intent of it.
#include "gateways/stripe_gateway.hpp"
#include "harness/stripe_emulator.hpp"
#include "payment_app.hpp"

#include <agora/core/outbound.hpp>

using namespace agora;
using namespace agora::payment;
using namespace agora::payment::test;
using agora::test::kStripeKey;
using agora::test::kStripeWebhookPath;
using agora::test::StripeEmulator;
using namespace std::chrono_literals;

TEST_CASE("a Stripe payment is authorized as a PaymentIntent with manual capture, named by the intent's id") {
  StripeEmulator stripe;
  PaymentApp app(stripe.config());
  const auto order = app.request_payment("pm_card_visa", 4250, "stripe");
  REQUIRE(app.reaches(order, Status::authorized));
  const auto p = app.payment(order);
  CHECK(p.gateway_ref->starts_with("pi_"));
  CHECK(app.calls(order).at(0).gateway_ref == p.gateway_ref);
  const auto authorized = app.published<events::Authorized>(p.id);
  REQUIRE(authorized.size() == 1);
  CHECK(authorized[0].gateway == "stripe");
  CHECK(authorized[0].amount == 4250);
  CHECK(stripe.counted("authorized", order) == 1);
  CHECK(stripe.counted("captured", order) == 0);
  CHECK(stripe.requests_with(app.calls(order).at(0).id) == 1);
}

TEST_CASE("a card Stripe declines (402) fails the payment with Stripe's decline code and message") {
  StripeEmulator stripe;
  PaymentApp app(stripe.config());
  const auto declined = app.request_payment("pm_card_chargeDeclined", 1999, "stripe");
  const auto short_of_funds = app.request_payment("pm_card_chargeDeclinedInsufficientFunds", 1999, "stripe");
  REQUIRE(app.reaches(declined, Status::failed));
  REQUIRE(app.reaches(short_of_funds, Status::failed));
  const auto failed = app.published<events::Failed>(app.payment(declined).id);
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].code == "generic_decline");
  CHECK(failed[0].message == "Your card was declined.");
  const auto no_funds = app.published<events::Failed>(app.payment(short_of_funds).id);
  CHECK(no_funds.at(0).code == "insufficient_funds");
  CHECK(no_funds.at(0).message == "Your card has insufficient funds.");
  CHECK(app.calls(declined).at(0).attempts == 1);  // a decline is final: not asked again
  CHECK(stripe.counted("authorized") == 0);
}

TEST_CASE("a card that needs 3-D Secure publishes Stripe's redirect URL and waits for the buyer") {
  StripeEmulator stripe;
  PaymentApp app(stripe.config());
  const auto order = app.request_payment("pm_card_threeDSecure2Required", 1999, "stripe");
  REQUIRE(app.reaches(order, Status::requires_action));
  const auto p = app.payment(order);
  const auto action = app.published<events::ActionRequired>(p.id);
  REQUIRE(action.size() == 1);
  CHECK(action[0].action == "redirect");
  CHECK(action[0].url == stripe.url() + "/_emulator/3ds/" + *p.gateway_ref);
  CHECK(app.published_count<events::Authorized>() == 0);
}

TEST_CASE("without a return_url, a card that needs 3-D Secure is declined: there is nowhere to send the buyer") {
  StripeEmulator stripe;
  PaymentApp app(stripe.config());
  auto requested = PaymentApp::request_of(new_id(), "pm_card_authenticationRequired", 1999, "stripe");
  requested.return_url = "";
  app.publish(requested);
  REQUIRE(app.reaches(requested.order_id, Status::failed));
  CHECK(app.published<events::Failed>(app.payment(requested.order_id).id).at(0).code == "authentication_required");
  // A card that needs nothing is authorized without a return_url: redirects were refused, not required.
  auto plain = PaymentApp::request_of(new_id(), "pm_card_visa", 1999, "stripe");
  plain.return_url = "";
  app.publish(plain);
  REQUIRE(app.reaches(plain.order_id, Status::authorized));
}

TEST_CASE("a 500 from Stripe is asked again with the same key, and Stripe makes one intent") {
  StripeEmulator stripe;
  PaymentApp app(stripe.config());
  stripe.fail_next(1, 500);
  const auto order = app.request_payment("pm_card_visa", 1999, "stripe");
  REQUIRE(eventually([&] { return app.attempts_of(order) == 1; }));
  CHECK(app.payment(order).status == Status::authorizing);
  app.clock.advance(1s);
  REQUIRE(app.reaches(order, Status::authorized));
  const auto call = app.calls(order).at(0);
  CHECK(call.attempts == 2);
  CHECK(stripe.requests_with(call.id) == 2);
  CHECK(stripe.counted("intents_created") == 1);
  CHECK(stripe.counted("authorized", order) == 1);
  CHECK(app.published_count<events::Authorized>() == 1);
}

TEST_CASE("a call that timed out after Stripe acted is asked again with the same key and answered as the first") {
  StripeEmulator stripe;
  PaymentApp app(stripe.config({{"payment.stripe_timeout_ms", "300"}}));
  stripe.hang_next(1);  // Stripe makes the intent; its answer is lost
  const auto order = app.request_payment("pm_card_visa", 1999, "stripe");
  REQUIRE(eventually([&] { return app.attempts_of(order) == 1; }));
  CHECK(app.calls(order).at(0).last_error);
  app.clock.advance(1s);
  REQUIRE(app.reaches(order, Status::authorized));
  const auto call = app.calls(order).at(0);
  CHECK(stripe.requests_with(call.id) == 2);
  CHECK(stripe.counted("intents_created") == 1);
  CHECK(stripe.counted("authorized", order) == 1);
}

TEST_CASE("a placed order's Stripe payment is captured, a cancelled one's authorization voided") {
  StripeEmulator stripe;
  PaymentApp app(stripe.config());
  const auto placed = app.request_payment("pm_card_visa", 3100, "stripe");
  const auto cancelled = app.request_payment("pm_card_visa", 1200, "stripe");
  REQUIRE(app.reaches(placed, Status::authorized));
  REQUIRE(app.reaches(cancelled, Status::authorized));
  app.place(placed);
  app.cancel(cancelled);
  REQUIRE(app.reaches(placed, Status::captured));
  REQUIRE(app.reaches(cancelled, Status::voided));
  CHECK(app.payment(placed).captured == 3100);
  CHECK(app.published<events::Succeeded>(app.payment(placed).id).at(0).amount == 3100);
  CHECK(app.published_count<events::Voided>() == 1);
  CHECK(stripe.counted("captured", placed) == 1);
  CHECK(stripe.counted("amount_captured", placed) == 3100);
  CHECK(stripe.counted("cancelled", cancelled) == 1);
  CHECK(stripe.counted("captured", cancelled) == 0);
}

TEST_CASE("a cancelled order's captured Stripe payment is refunded in full") {
  StripeEmulator stripe;
  PaymentApp app(stripe.config());
  const auto order = app.request_payment("pm_card_visa", 2500, "stripe");
  REQUIRE(app.reaches(order, Status::authorized));
  app.place(order);
  REQUIRE(app.reaches(order, Status::captured));
  app.cancel(order);
  REQUIRE(app.reaches(order, Status::refunded));
  const auto refunded = app.published<events::Refunded>(app.payment(order).id);
  REQUIRE(refunded.size() == 1);
  CHECK(refunded[0].amount == 2500);
  CHECK(refunded[0].refund_id == app.calls(order).back().id);
  CHECK(app.calls(order).back().gateway_ref->starts_with("re_"));
  CHECK(stripe.counted("refunded", order) == 1);
  CHECK(stripe.counted("amount_refunded", order) == 2500);
}

TEST_CASE("a key Stripe saw with other parameters is refused as an idempotency_error, not asked again") {
  StripeEmulator stripe;
  Metrics metrics;
  outbound::Destination destination("stripe", {}, Clock::system(), metrics);
  StripeGateway gateway({.base_url = stripe.url(), .secret_key = kStripeKey}, destination);
  CallRequest call{new_id(), new_id(), 1999, "USD", "pm_card_visa", "https://shop.example/back", ""};
  REQUIRE(gateway.authorize(call).outcome == Answer::Outcome::succeeded);
  call.amount = 2999;
  const auto again = gateway.authorize(call);
  CHECK(again.outcome == Answer::Outcome::declined);
  CHECK(again.code == "idempotency_error");
  CHECK(stripe.counted("intents_created") == 1);
}

TEST_CASE("Stripe refuses a call made with another key or an unpinned version") {
  StripeEmulator stripe;
  Metrics metrics;
  outbound::Destination destination("stripe", {}, Clock::system(), metrics);
  const CallRequest call{new_id(), new_id(), 1999, "USD", "pm_card_visa", "https://shop.example/back", ""};
  CHECK(StripeGateway({.base_url = stripe.url(), .secret_key = "sk_test_other"}, destination).authorize(call).code ==
        "invalid_request_error");
  CHECK(StripeGateway({.base_url = stripe.url(), .secret_key = kStripeKey, .api_version = "2020-08-27"}, destination)
            .authorize(call)
            .code == "invalid_request_error");
  CHECK(stripe.counted("intents_created") == 0);
}

TEST_CASE("a buyer back from 3-D Secure has the Stripe payment authorized without waiting for the webhook") {
  StripeEmulator stripe;
  PaymentApp app(stripe.config());
  auto requested = PaymentApp::request_of(new_id(), "pm_card_threeDSecure2Required", 1999, "stripe");
  requested.customer_id = std::nullopt;  // a guest's
  app.publish(requested);
  const auto& order = requested.order_id;
  REQUIRE(app.reaches(order, Status::requires_action));
  const auto intent = *app.payment(order).gateway_ref;

  // Back before passing it: still waiting, and nothing announced twice.
  REQUIRE(app.buyer_back(order).status == 202);
  REQUIRE(eventually([&] { return app.calls(order).back().status == CallStatus::failed; }));
  CHECK(app.payment(order).status == Status::requires_action);
  CHECK(app.published_count<events::ActionRequired>() == 1);

  stripe.authenticate(intent);
  REQUIRE(app.buyer_back(order).status == 202);
  REQUIRE(app.reaches(order, Status::authorized));
  CHECK(app.payment(order).gateway_ref == intent);
  CHECK(app.published_count<events::Authorized>() == 1);
  CHECK(stripe.counted("intents_created") == 1);
}
