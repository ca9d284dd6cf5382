// Stripe's webhooks, sent by the Stripe emulator and signed by Stripe's own library: accepted only
// with a signature made with our secret within 300 s, stored once by event id, and processed after
// the answer: a 3-D Secure completed authorizes, a failed one fails; repeated, late and out-of-order
// events change nothing twice; an event that comes too early is kept and tried again.
#include "harness/stripe_emulator.hpp"
#include "payment_app.hpp"

using namespace agora;
using namespace agora::payment;
using namespace agora::payment::test;
using agora::test::kStripeKey;
using agora::test::kStripeWebhookPath;
using agora::test::StripeEmulator;
using namespace std::chrono_literals;

namespace {

HttpResult post_webhook(PaymentApp& app, const std::string& payload, std::optional<std::string> signature) {
  std::map<std::string, std::string> headers{{"Content-Type", "application/json; charset=utf-8"}};
  if (signature) headers.emplace("Stripe-Signature", *signature);
  return app.http.request("POST", kStripeWebhookPath, payload, headers);
}

// A payment waiting for the buyer at 3-D Secure, who then passes (or fails) it: its order and intent.
std::pair<std::string, std::string> authenticated(PaymentApp& app, StripeEmulator& stripe, bool passes = true) {
  const auto order = app.request_payment("pm_card_threeDSecure2Required", 1999, "stripe");
  REQUIRE(app.reaches(order, Status::requires_action));
  const auto intent = *app.payment(order).gateway_ref;
  stripe.authenticate(intent, passes);
  return {order, intent};
}

}  // namespace

TEST_CASE("a 3-D Secure payment completed by the buyer is authorized by Stripe's webhook and publishes it") {
  StripeEmulator stripe;
  PaymentApp app(stripe.config());
  const auto [order, intent] = authenticated(app, stripe);
  const auto event = stripe.event_id("payment_intent.amount_capturable_updated", intent);
  CHECK(stripe.deliver(event, app.base_url() + kStripeWebhookPath) == 200);
  REQUIRE(app.reaches(order, Status::authorized));
  CHECK(app.outcome_of(event) == "applied");
  const auto authorized = app.published<events::Authorized>(app.payment(order).id);
  REQUIRE(authorized.size() == 1);
  CHECK(authorized[0].order_id == order);
  CHECK(authorized[0].gateway == "stripe");
  CHECK(authorized[0].amount == 1999);
}

TEST_CASE("a forged body, a wrong secret, a stale signature or none is refused with 400, and nothing is stored") {
  StripeEmulator stripe;
  PaymentApp app(stripe.config());
  const auto [order, intent] = authenticated(app, stripe);
  const auto event = stripe.event_id("payment_intent.amount_capturable_updated", intent);
  const auto good = stripe.sign(event);
  auto forged = good.payload;
  forged.replace(forged.find("\"amount\": 1999"), 14, "\"amount\": 1");
  const auto now_s = std::chrono::floor<std::chrono::seconds>(app.clock.now().time_since_epoch()).count();

  for (const auto& [payload, signature] : std::vector<std::pair<std::string, std::optional<std::string>>>{
           {forged, good.signature},
           {good.payload, stripe.sign(event, "whsec_not_ours").signature},
           {good.payload, stripe.sign(event, std::nullopt, now_s - 301).signature},
           {good.payload, std::nullopt}}) {
    const auto r = post_webhook(app, payload, signature);
    CHECK(r.status == 400);
    CHECK(r.headers.at("content-type").starts_with("application/problem+json"));
  }
  CHECK(app.stored_events() == 0);
  CHECK(app.payment(order).status == Status::requires_action);

  REQUIRE(post_webhook(app, good.payload, good.signature).status == 200);
  REQUIRE(app.reaches(order, Status::authorized));
}

TEST_CASE("an event delivered again is acknowledged and processed once") {
  StripeEmulator stripe;
  PaymentApp app(stripe.config());
  const auto [order, intent] = authenticated(app, stripe);
  const auto event = stripe.event_id("payment_intent.amount_capturable_updated", intent);
  const auto url = app.base_url() + kStripeWebhookPath;
  CHECK(stripe.deliver(event, url) == 200);
  REQUIRE(app.reaches(order, Status::authorized));
  CHECK(stripe.deliver(event, url) == 200);
  const auto replayed = stripe.sign(event);  // the same delivery played back as it was
  CHECK(post_webhook(app, replayed.payload, replayed.signature).status == 200);
  CHECK(app.outcome_of(event) == "applied");
  CHECK(app.stored_events() == 1);
  CHECK(app.published_count<events::Authorized>() == 1);
}

TEST_CASE("events out of order (succeeded before amount_capturable_updated) leave the payment captured") {
  StripeEmulator stripe;
  PaymentApp app(stripe.config());
  const auto [order, intent] = authenticated(app, stripe);
  // Captured at Stripe by someone else than us (the dashboard), before we heard of the authorization.
  REQUIRE(stripe.stripe_api("/v1/payment_intents/" + intent + "/capture", "amount_to_capture=1999").status == 200);
  const auto url = app.base_url() + kStripeWebhookPath;
  const auto succeeded = stripe.event_id("payment_intent.succeeded", intent);
  const auto capturable = stripe.event_id("payment_intent.amount_capturable_updated", intent);
  CHECK(stripe.deliver(succeeded, url) == 200);
  REQUIRE(app.reaches(order, Status::captured));
  CHECK(stripe.deliver(capturable, url) == 200);
  CHECK(app.outcome_of(capturable) == "stale");
  const auto p = app.payment(order);
  CHECK(p.status == Status::captured);
  CHECK(p.captured == 1999);
  // The order hears of the authorization it waits for, then of the capture: once each.
  CHECK(app.published<events::Authorized>(p.id).size() == 1);
  CHECK(app.published<events::Succeeded>(p.id).size() == 1);
}

TEST_CASE("a 3-D Secure the buyer failed fails the payment by Stripe's webhook, with Stripe's code") {
  StripeEmulator stripe;
  PaymentApp app(stripe.config());
  const auto [order, intent] = authenticated(app, stripe, false);
  CHECK(stripe.deliver(stripe.event_id("payment_intent.payment_failed", intent), app.base_url() + kStripeWebhookPath) ==
        200);
  REQUIRE(app.reaches(order, Status::failed));
  const auto failed = app.published<events::Failed>(app.payment(order).id);
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].code == "payment_intent_authentication_failure");
  CHECK(app.published_count<events::Authorized>() == 0);
}

TEST_CASE("a refund made at Stripe raises the payment's refunded total by Stripe's webhook, the rest captured") {
  StripeEmulator stripe;
  PaymentApp app(stripe.config());
  const auto order = app.request_payment("pm_card_visa", 2000, "stripe");
  REQUIRE(app.reaches(order, Status::authorized));
  app.place(order);
  REQUIRE(app.reaches(order, Status::captured));
  const auto intent = *app.payment(order).gateway_ref;
  REQUIRE(stripe.stripe_api("/v1/refunds", "payment_intent=" + intent + "&amount=500").status == 200);
  const auto event = stripe.event_id("charge.refunded", intent);
  CHECK(stripe.deliver(event, app.base_url() + kStripeWebhookPath) == 200);
  CHECK(app.outcome_of(event) == "applied");
  CHECK(app.payment(order).status == Status::captured);
  CHECK(app.payment(order).refunded == 500);
  const auto refunded = app.published<events::Refunded>(app.payment(order).id);
  REQUIRE(refunded.size() == 1);
  CHECK(refunded[0].amount == 500);
  CHECK(refunded[0].refunded_total == 500);
}

TEST_CASE("an event heard while our call is still out is kept, and applied once the call is answered") {
  StripeEmulator stripe;
  PaymentApp app(stripe.config({{"payment.stripe_timeout_ms", "300"}}));
  stripe.hang_next(1);  // the authorize is done at Stripe, its answer lost: the call is still out here
  const auto order = app.request_payment("pm_card_threeDSecure2Required", 1999, "stripe");
  REQUIRE(eventually([&] { return app.attempts_of(order) == 1; }));
  const auto intent = stripe.intent_of(order);
  stripe.authenticate(intent);
  const auto event = stripe.event_id("payment_intent.amount_capturable_updated", intent);
  CHECK(stripe.deliver(event, app.base_url() + kStripeWebhookPath) == 200);
  REQUIRE(eventually([&] {
    return app.count("SELECT attempts FROM payment.webhook_events WHERE id = $1 AND processed_at IS NULL", {event}) ==
           1;
  }));
  CHECK(app.payment(order).status == Status::authorizing);

  app.clock.advance(1s);  // the call is asked again (and answered as the first time: requires_action)
  REQUIRE(eventually([&] { return app.payment(order).status != Status::authorizing; }));
  app.clock.advance(2s);  // the event, put off once more if it came first, is due again
  REQUIRE(app.reaches(order, Status::authorized));
  CHECK(app.outcome_of(event) == "applied");
  CHECK(app.published_count<events::Authorized>() == 1);
  CHECK(stripe.counted("intents_created") == 1);
}

TEST_CASE("an event for a payment unknown here is tried again a while, then given up") {
  StripeEmulator stripe;
  PaymentApp app(stripe.config({{"payment.webhook_max_attempts", "2"}}));
  const auto stranger = new_id();
  REQUIRE(stripe
              .stripe_api("/v1/payment_intents",
                          "amount=500&currency=usd&payment_method=pm_card_visa&confirm=true&capture_method=manual"
                          "&return_url=https%3A%2F%2Fother.example&metadata%5Border_id%5D=" +
                              stranger)
              .status == 200);
  const auto event = stripe.event_id("payment_intent.amount_capturable_updated", stranger);
  CHECK(stripe.deliver(event, app.base_url() + kStripeWebhookPath) == 200);
  REQUIRE(eventually([&] {
    return app.count("SELECT attempts FROM payment.webhook_events WHERE id = $1 AND processed_at IS NULL", {event}) ==
           1;
  }));
  app.clock.advance(1s);
  CHECK(app.outcome_of(event) == "given up: no payment has it");
  CHECK(app.published_count<events::Authorized>() == 0);
}
