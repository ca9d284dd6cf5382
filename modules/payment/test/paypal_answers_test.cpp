// PayPal's answers read as its REST API reference documents them: an order made waits for the buyer at
// its payer-action link, an authorized order is named by its authorization, a 422's issue declines
// (but the buyer not done approving is still waiting), and what is worth asking again (401 after a
// new token, 429, 5xx) is unknown.
#include "gateways/paypal_answers.hpp"

#include <catch2/catch.hpp>

using namespace agora::payment;
using Outcome = Answer::Outcome;

namespace {

std::string unprocessable(const std::string& issue, const std::string& description) {
  return R"({"name": "UNPROCESSABLE_ENTITY", "message": "The requested action could not be performed.",
             "debug_id": "f00", "details": [{"issue": ")" +
         issue + R"(", "description": ")" + description + R"("}]})";
}

}  // namespace

TEST_CASE("an order made waits for the buyer at its payer-action link, named by the order's id") {
  const auto a = paypal_answer(CallKind::authorize, 200, R"({"id": "5O190127TN364715T",
    "status": "PAYER_ACTION_REQUIRED", "links": [
      {"href": "https://api-m.paypal.com/v2/checkout/orders/5O190127TN364715T", "rel": "self", "method": "GET"},
      {"href": "https://www.paypal.com/checkoutnow?token=5O190127TN364715T", "rel": "payer-action",
       "method": "GET"}]})");
  CHECK(a.outcome == Outcome::requires_action);
  CHECK(a.reference == "5O190127TN364715T");
  CHECK(a.action_url == "https://www.paypal.com/checkoutnow?token=5O190127TN364715T");
  const auto created = paypal_answer(CallKind::authorize, 201, R"({"id": "O-1", "status": "CREATED",
    "links": [{"href": "https://www.paypal.com/checkoutnow?token=O-1", "rel": "approve", "method": "GET"}]})");
  CHECK(created.outcome == Outcome::requires_action);
  CHECK(created.action_url == "https://www.paypal.com/checkoutnow?token=O-1");
  CHECK(paypal_answer(CallKind::authorize, 201, R"({"id": "O-1", "status": "CREATED", "links": []})").code ==
        "unexpected_status");
}

TEST_CASE("an authorized order is named by its first authorization; a denied one is declined") {
  const auto authorized = paypal_answer(CallKind::confirm, 201, R"({"id": "O-1", "status": "COMPLETED",
    "purchase_units": [{"reference_id": "o", "payments": {"authorizations": [
      {"id": "0VF52814937998046", "status": "CREATED", "amount": {"currency_code": "USD", "value": "19.99"}}]}}]})");
  CHECK(authorized.outcome == Outcome::succeeded);
  CHECK(authorized.reference == "0VF52814937998046");
  const auto denied = paypal_answer(CallKind::confirm, 201, R"({"id": "O-1", "status": "COMPLETED",
    "purchase_units": [{"payments": {"authorizations": [{"id": "A-1", "status": "DENIED"}]}}]})");
  CHECK(denied.outcome == Outcome::declined);
  CHECK(denied.code == "DENIED");
}

TEST_CASE("a 422 declines with PayPal's issue and its description") {
  const auto a = paypal_answer(CallKind::confirm, 422,
                               unprocessable("INSTRUMENT_DECLINED", "The instrument presented was declined."));
  CHECK(a.outcome == Outcome::declined);
  CHECK(a.code == "INSTRUMENT_DECLINED");
  CHECK(a.message == "The instrument presented was declined.");
  CHECK(paypal_answer(CallKind::confirm, 422, unprocessable("PAYER_ACTION_REQUIRED", "3-D Secure.")).code ==
        "PAYER_ACTION_REQUIRED");
  CHECK(paypal_answer(CallKind::capture, 422, unprocessable("AUTHORIZATION_VOIDED", "Voided.")).code ==
        "AUTHORIZATION_VOIDED");
}

TEST_CASE("an order the buyer has not approved yet is still waiting for them when we ask to authorize it") {
  const auto a =
      paypal_answer(CallKind::confirm, 422, unprocessable("ORDER_NOT_APPROVED", "Payer has not yet approved."));
  CHECK(a.outcome == Outcome::requires_action);
  CHECK(a.reference.empty());
  CHECK(a.code == "ORDER_NOT_APPROVED");
}

TEST_CASE("captures and refunds completed or pending are done; declined or failed ones are not") {
  const auto capture = paypal_answer(CallKind::capture, 201, R"({"id": "C-1", "status": "COMPLETED"})");
  CHECK(capture.outcome == Outcome::succeeded);
  CHECK(capture.reference == "C-1");
  CHECK(paypal_answer(CallKind::capture, 201, R"({"id": "C-1", "status": "PENDING"})").outcome == Outcome::succeeded);
  const auto declined = paypal_answer(CallKind::capture, 201,
                                      R"({"id": "C-1", "status": "DECLINED", "status_details": {"reason": "OTHER"}})");
  CHECK(declined.outcome == Outcome::declined);
  CHECK(declined.code == "OTHER");
  CHECK(paypal_answer(CallKind::refund, 201, R"({"id": "R-1", "status": "COMPLETED"})").reference == "R-1");
  CHECK(paypal_answer(CallKind::refund, 201, R"({"id": "R-1", "status": "FAILED"})").code == "FAILED");
}

TEST_CASE("a void is done when PayPal answers 2xx, with or without the authorization") {
  CHECK(paypal_answer(CallKind::void_authorization, 204, "").outcome == Outcome::succeeded);
  CHECK(paypal_answer(CallKind::void_authorization, 200, R"({"id": "A-1", "status": "VOIDED"})").reference == "A-1");
}

TEST_CASE("401, 429, 5xx and an answer that is not JSON are unknown: asked again with the same request id") {
  for (const long status : {401L, 429L, 500L, 503L})
    CHECK(paypal_answer(CallKind::authorize, status, R"({"name": "INTERNAL_SERVER_ERROR"})").outcome ==
          Outcome::unknown);
  CHECK(paypal_answer(CallKind::capture, 500, "<html>").message == "PayPal answered HTTP 500");
  CHECK(paypal_answer(CallKind::authorize, 201, "<html>").outcome == Outcome::unknown);
}

TEST_CASE("other 4xx are declined with the first issue, else PayPal's error name") {
  CHECK(paypal_answer(CallKind::capture, 404,
                      R"({"name": "RESOURCE_NOT_FOUND", "details": [{"issue": "INVALID_RESOURCE_ID"}]})")
            .code == "INVALID_RESOURCE_ID");
  CHECK(paypal_answer(CallKind::capture, 403, R"({"name": "NOT_AUTHORIZED"})").code == "NOT_AUTHORIZED");
  CHECK(paypal_answer(CallKind::capture, 400, "").code == "http_400");
}

TEST_CASE("an order read holds its authorization while it is CREATED or PENDING, else nothing") {
  const auto order = [](const std::string& status) {
    return R"({"id": "5O190127TN364715T", "status": "COMPLETED", "purchase_units": [{"payments":
      {"authorizations": [{"id": "0AW2184448108334S", "status": ")" +
           status + R"("}]}}]})";
  };
  const auto held = paypal_found(200, order("CREATED"));
  CHECK(held.outcome == Outcome::succeeded);
  CHECK(held.reference == "0AW2184448108334S");
  CHECK(paypal_found(200, order("PENDING")).outcome == Outcome::succeeded);
  CHECK(paypal_found(200, order("VOIDED")).outcome == Outcome::declined);
  CHECK(paypal_found(200, R"({"id": "5O190127TN364715T", "status": "APPROVED"})").outcome == Outcome::declined);
  CHECK(paypal_found(404, R"({"name": "RESOURCE_NOT_FOUND"})").code == "nothing_held");
  CHECK(paypal_found(503, "").outcome == Outcome::unknown);
  CHECK(paypal_found(401, "").outcome == Outcome::unknown);
}
