// PayPal's webhook events read for what they mean to a payment: the six that move one, named by our
// order id (the custom_id we gave) and by PayPal's order or authorization; every other type means
// nothing, and a body that is no event is a bad request.
#include "gateways/paypal_events.hpp"

#include <agora/core/error.hpp>
#include <catch2/catch.hpp>

using namespace agora;
using namespace agora::payment;
using Kind = GatewayEvent::Kind;

namespace {

std::string event(const std::string& type, const std::string& resource) {
  return R"({"id": "WH-1", "event_version": "1.0", "resource_type": "x", "event_type": ")" + type +
         R"(", "summary": "s", "resource": )" + resource + "}";
}

const std::string kRelated = R"("supplementary_data": {"related_ids": {"order_id": "5O1", "authorization_id": "A-1"}})";

}  // namespace

TEST_CASE("an approved order names PayPal's order and our order id from its purchase unit") {
  const auto approved = read_paypal_event(event("CHECKOUT.ORDER.APPROVED", R"({"id": "5O1", "status": "APPROVED",
    "purchase_units": [{"reference_id": "o-1", "custom_id": "o-1",
                        "amount": {"currency_code": "USD", "value": "19.99"}}]})"));
  CHECK(approved.id == "WH-1");
  CHECK(approved.type == "CHECKOUT.ORDER.APPROVED");
  REQUIRE(approved.meaning);
  CHECK(approved.meaning->kind == Kind::approved);
  CHECK(approved.meaning->reference == "5O1");
  CHECK(approved.meaning->order_id == "o-1");
}

TEST_CASE("an authorization's events name it and our order") {
  const auto created = read_paypal_event(event(
      "PAYMENT.AUTHORIZATION.CREATED", R"({"id": "A-1", "status": "CREATED", "custom_id": "o-1", )" + kRelated + "}"));
  CHECK(created.meaning->kind == Kind::authorized);
  CHECK(created.meaning->reference == "A-1");
  CHECK(created.meaning->order_id == "o-1");
  const auto voided = read_paypal_event(
      event("PAYMENT.AUTHORIZATION.VOIDED", R"({"id": "A-1", "status": "VOIDED", "custom_id": "o-1"})"));
  CHECK(voided.meaning->kind == Kind::voided);
  CHECK(voided.meaning->reference == "A-1");
}

TEST_CASE("a capture's events name the authorization it took, with the amount in minor units or the denial's reason") {
  const auto completed = read_paypal_event(event("PAYMENT.CAPTURE.COMPLETED", R"({"id": "C-1", "status": "COMPLETED",
    "custom_id": "o-1", "amount": {"currency_code": "JPY", "value": "1500"}, )" + kRelated +
                                                                                  "}"));
  CHECK(completed.meaning->kind == Kind::captured);
  CHECK(completed.meaning->reference == "A-1");
  CHECK(completed.meaning->amount == 1500);
  const auto denied = read_paypal_event(event("PAYMENT.CAPTURE.DENIED", R"({"id": "C-1", "status": "DECLINED",
    "custom_id": "o-1", "status_details": {"reason": "OTHER"}, )" + kRelated +
                                                                            "}"));
  CHECK(denied.meaning->kind == Kind::capture_denied);
  CHECK(denied.meaning->reference == "A-1");
  CHECK(denied.meaning->code == "OTHER");
}

TEST_CASE("a refund names our order and its own id, with the capture's total refunded") {
  const auto refunded = read_paypal_event(event("PAYMENT.CAPTURE.REFUNDED", R"({"id": "R-2", "status": "COMPLETED",
    "custom_id": "o-1", "amount": {"currency_code": "USD", "value": "3.00"},
    "seller_payable_breakdown": {"total_refunded_amount": {"currency_code": "USD", "value": "8.00"}}})"));
  CHECK(refunded.meaning->kind == Kind::refunded);
  CHECK(refunded.meaning->reference.empty());
  CHECK(refunded.meaning->order_id == "o-1");
  CHECK(refunded.meaning->refund_id == "R-2");
  CHECK(refunded.meaning->amount == 800);
  const auto alone = read_paypal_event(event("PAYMENT.CAPTURE.REFUNDED", R"({"id": "R-1", "custom_id": "o-1",
    "amount": {"currency_code": "USD", "value": "3.00"}})"));
  CHECK(alone.meaning->amount == 300);
}

TEST_CASE("other PayPal types are read but mean nothing; a body that is no event is a bad request") {
  const auto other = read_paypal_event(event("CUSTOMER.DISPUTE.CREATED", R"({"dispute_id": "PP-D-1"})"));
  CHECK(other.type == "CUSTOMER.DISPUTE.CREATED");
  CHECK_FALSE(other.meaning);
  CHECK_THROWS_AS(read_paypal_event("not json"), Error);
  CHECK_THROWS_AS(read_paypal_event(R"({"event_type": "CHECKOUT.ORDER.APPROVED"})"), Error);
}
