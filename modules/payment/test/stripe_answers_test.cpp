// Stripe's answers read as Stripe documents them: an intent's status, a card_error's decline code,
// the statuses worth asking again about (429, 5xx) and those that must not be (an idempotency_error,
// other 4xx).
#include "gateways/stripe_answers.hpp"

#include <catch2/catch.hpp>

using namespace agora::payment;
using Outcome = Answer::Outcome;

namespace {

std::string intent(const std::string& status, const std::string& more = "") {
  return R"({"id": "pi_123", "object": "payment_intent", "status": ")" + status + "\"" + more + "}";
}

}  // namespace

TEST_CASE("an intent that requires capture is authorized, named by its id") {
  const auto a = stripe_answer(CallKind::authorize, 200, intent("requires_capture"));
  CHECK(a.outcome == Outcome::succeeded);
  CHECK(a.reference == "pi_123");
}

TEST_CASE("an intent that requires action sends the buyer to its redirect_to_url") {
  const auto a = stripe_answer(
      CallKind::authorize, 200,
      intent(
          "requires_action",
          R"(, "next_action": {"type": "redirect_to_url", "redirect_to_url": {"url": "https://hooks.stripe.com/3ds"}})"));
  CHECK(a.outcome == Outcome::requires_action);
  CHECK(a.reference == "pi_123");
  CHECK(a.action_url == "https://hooks.stripe.com/3ds");
}

TEST_CASE("an intent that wants Stripe.js for its action is declined: no buyer is there to act") {
  const auto a = stripe_answer(CallKind::authorize, 200,
                               intent("requires_action", R"(, "next_action": {"type": "use_stripe_sdk"})"));
  CHECK(a.outcome == Outcome::declined);
  CHECK(a.code == "authentication_required");
}

TEST_CASE("a card_error (402) is declined with its decline_code, else its code, and Stripe's message") {
  const auto declined =
      stripe_answer(CallKind::authorize, 402,
                    R"({"error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
          "message": "Your card has insufficient funds."}})");
  CHECK(declined.outcome == Outcome::declined);
  CHECK(declined.code == "insufficient_funds");
  CHECK(declined.message == "Your card has insufficient funds.");
  CHECK(stripe_answer(CallKind::authorize, 402,
                      R"({"error": {"type": "card_error", "code": "expired_card", "message": "Expired."}})")
            .code == "expired_card");
}

TEST_CASE("captured, cancelled and refunded are done when Stripe says succeeded, canceled, or a refund pending") {
  CHECK(stripe_answer(CallKind::capture, 200, intent("succeeded")).outcome == Outcome::succeeded);
  CHECK(stripe_answer(CallKind::capture, 200, intent("succeeded")).reference == "pi_123");
  CHECK(stripe_answer(CallKind::void_authorization, 200, intent("canceled")).outcome == Outcome::succeeded);
  const auto refund =
      stripe_answer(CallKind::refund, 200, R"({"id": "re_9", "object": "refund", "status": "pending"})");
  CHECK(refund.outcome == Outcome::succeeded);
  CHECK(refund.reference == "re_9");
  const auto failed = stripe_answer(
      CallKind::refund, 200, R"({"id": "re_9", "status": "failed", "failure_reason": "expired_or_canceled_card"})");
  CHECK(failed.outcome == Outcome::declined);
  CHECK(failed.code == "expired_or_canceled_card");
  CHECK(stripe_answer(CallKind::capture, 200, intent("requires_capture")).code == "unexpected_status");
}

TEST_CASE("429, 5xx and an answer that is not JSON are unknown: asked again with the same key") {
  for (const long status : {429L, 500L, 502L, 503L})
    CHECK(
        stripe_answer(CallKind::authorize, status, R"({"error": {"type": "api_error", "message": "oops"}})").outcome ==
        Outcome::unknown);
  CHECK(stripe_answer(CallKind::capture, 500, "<html>").message == "Stripe answered HTTP 500");
  CHECK(stripe_answer(CallKind::authorize, 200, "<html>").outcome == Outcome::unknown);
}

TEST_CASE("an idempotency_error (400 or 409) is a failure of its own, never asked again blindly") {
  for (const long status : {400L, 409L}) {
    const auto a = stripe_answer(CallKind::authorize, status,
                                 R"({"error": {"type": "idempotency_error", "message": "Keys for idempotent ..."}})");
    CHECK(a.outcome == Outcome::declined);
    CHECK(a.code == "idempotency_error");
  }
}

TEST_CASE("other 4xx are declined with Stripe's code, else its error type") {
  const auto missing = stripe_answer(
      CallKind::authorize, 404,
      R"({"error": {"type": "invalid_request_error", "code": "resource_missing", "message": "No such PaymentMethod"}})");
  CHECK(missing.outcome == Outcome::declined);
  CHECK(missing.code == "resource_missing");
  CHECK(
      stripe_answer(CallKind::capture, 401, R"({"error": {"type": "invalid_request_error", "message": "key"}})").code ==
      "invalid_request_error");
  CHECK(stripe_answer(CallKind::capture, 400, "").code == "http_400");
}

TEST_CASE("an intent read after 3-D Secure is authorized, still waiting for the buyer, or declined by its status") {
  CHECK(stripe_answer(CallKind::confirm, 200, intent("requires_capture")).outcome == Outcome::succeeded);
  const auto waiting = stripe_answer(
      CallKind::confirm, 200,
      intent(
          "requires_action",
          R"(, "next_action": {"type": "redirect_to_url", "redirect_to_url": {"url": "https://stripe.example/3ds"}})"));
  CHECK(waiting.outcome == Outcome::requires_action);
  const auto failed =
      stripe_answer(CallKind::confirm, 200,
                    intent("requires_payment_method",
                           R"(, "last_payment_error": {"code": "payment_intent_authentication_failure"})"));
  CHECK(failed.outcome == Outcome::declined);
  CHECK(failed.code == "payment_intent_authentication_failure");
}

TEST_CASE("a search finds an order's held intent, else one waiting for the buyer, else nothing held") {
  const auto page = [](const std::string& intents, bool more = false) {
    return R"({"object": "search_result", "url": "/v1/payment_intents/search", "has_more": )" +
           std::string(more ? "true" : "false") + R"(, "data": [)" + intents + "]}";
  };
  const auto held = stripe_found(200, page(intent("canceled") + "," + intent("requires_capture")));
  CHECK(held.outcome == Outcome::succeeded);
  CHECK(held.reference == "pi_123");
  CHECK(stripe_found(200, page(intent("requires_action"))).outcome == Outcome::requires_action);
  const auto none = stripe_found(200, page(""));
  CHECK(none.outcome == Outcome::declined);
  CHECK(none.code == "nothing_held");
  CHECK(stripe_found(200, page(intent("requires_payment_method"))).outcome == Outcome::declined);
  // Nothing is concluded from what was not read: another page, an error, an outage.
  CHECK(stripe_found(200, page(intent("canceled"), true)).outcome == Outcome::unknown);
  CHECK(stripe_found(400, R"({"error": {"type": "invalid_request_error", "message": "bad query"}})").outcome ==
        Outcome::unknown);
  CHECK(stripe_found(503, "").outcome == Outcome::unknown);
  CHECK(stripe_found(200, "not json").outcome == Outcome::unknown);
}
