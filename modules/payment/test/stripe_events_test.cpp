// Stripe's webhook events read for what they mean to a payment: the five that move one, named by
// their PaymentIntent and our order id; every other type, and a release of an uncaptured charge,
// means nothing.
#include "gateways/stripe_events.hpp"

#include <agora/core/error.hpp>
#include <catch2/catch.hpp>

using namespace agora;
using namespace agora::payment;
using Kind = GatewayEvent::Kind;

namespace {

std::string event(const std::string& type, const std::string& object) {
  return R"({"id": "evt_1", "object": "event", "type": ")" + type + R"(", "data": {"object": )" + object + "}}";
}

const std::string kIntent = R"("id": "pi_1", "object": "payment_intent", "metadata": {"order_id": "o-1"})";

}  // namespace

TEST_CASE("an intent's events are read with its id and our order id") {
  const auto authorized = read_stripe_event(
      event("payment_intent.amount_capturable_updated", "{" + kIntent + R"(, "status": "requires_capture"})"));
  CHECK(authorized.id == "evt_1");
  CHECK(authorized.type == "payment_intent.amount_capturable_updated");
  REQUIRE(authorized.meaning);
  CHECK(authorized.meaning->kind == Kind::authorized);
  CHECK(authorized.meaning->reference == "pi_1");
  CHECK(authorized.meaning->order_id == "o-1");

  const auto captured =
      read_stripe_event(event("payment_intent.succeeded", "{" + kIntent + R"(, "amount_received": 1500})"));
  CHECK(captured.meaning->kind == Kind::captured);
  CHECK(captured.meaning->amount == 1500);

  const auto failed = read_stripe_event(event(
      "payment_intent.payment_failed",
      "{" + kIntent +
          R"(, "last_payment_error": {"code": "card_declined", "decline_code": "stolen_card", "message": "No."}})"));
  CHECK(failed.meaning->kind == Kind::failed);
  CHECK(failed.meaning->code == "stolen_card");
  CHECK(failed.meaning->message == "No.");

  CHECK(read_stripe_event(event("payment_intent.canceled", "{" + kIntent + "}")).meaning->kind == Kind::voided);
}

TEST_CASE("a capturable amount that dropped to nothing is no authorization") {
  CHECK_FALSE(
      read_stripe_event(event("payment_intent.amount_capturable_updated", "{" + kIntent + R"(, "status": "canceled"})"))
          .meaning);
}

TEST_CASE("a refunded charge names its intent and the total refunded; a released uncaptured one means nothing") {
  const auto refunded = read_stripe_event(
      event("charge.refunded",
            R"({"id": "ch_1", "payment_intent": "pi_1", "captured": true, "amount_refunded": 700, "metadata": {}})"));
  REQUIRE(refunded.meaning);
  CHECK(refunded.meaning->kind == Kind::refunded);
  CHECK(refunded.meaning->reference == "pi_1");
  CHECK(refunded.meaning->amount == 700);
  CHECK(refunded.meaning->refund_id == "evt_1");  // the charge lists no refunds: the event names it
  CHECK_FALSE(read_stripe_event(event("charge.refunded", R"({"id": "ch_1", "payment_intent": "pi_1",
                                                              "captured": false, "amount_refunded": 700})"))
                  .meaning);
}

TEST_CASE("other types are read but mean nothing; a body that is no event is a bad request") {
  const auto other = read_stripe_event(event("customer.created", R"({"id": "cus_1"})"));
  CHECK(other.type == "customer.created");
  CHECK_FALSE(other.meaning);
  CHECK_THROWS_AS(read_stripe_event("not json"), Error);
  CHECK_THROWS_AS(read_stripe_event(R"({"type": "payment_intent.succeeded"})"), Error);
}
