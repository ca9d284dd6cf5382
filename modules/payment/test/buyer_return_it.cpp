// A buyer back from the gateway's page, against the sandbox (whose sandbox_action waits for the buyer
// and is confirmed as passed): the order's payment is authorized by a confirm call, once however often
// the buyer comes back; only the customer the payment was made for may bring it back, a guest's
// payment anyone.
#include "payment_app.hpp"

using namespace agora;
using namespace agora::payment;
using namespace agora::payment::test;

namespace {

// A payment waiting for its buyer's action; customer_id nullopt: a guest's.
std::string waiting_payment(PaymentApp& app, std::optional<std::string> customer_id) {
  auto requested = PaymentApp::request_of(new_id(), "sandbox_action");
  requested.customer_id = std::move(customer_id);
  app.publish(requested);
  REQUIRE(app.reaches(requested.order_id, Status::requires_action));
  return requested.order_id;
}

}  // namespace

TEST_CASE("a buyer back from the gateway's page has the payment that waited for them authorized") {
  PaymentApp app;
  const auto buyer = app.account();
  const auto order = waiting_payment(app, buyer.id);
  const auto r = app.buyer_back(order, buyer.token);
  CHECK(r.status == 202);
  CHECK(r.json().at("status") == "authorizing");
  REQUIRE(app.reaches(order, Status::authorized));
  const auto calls = app.calls(order);
  REQUIRE(calls.size() == 2);
  CHECK(calls[1].kind == CallKind::confirm);
  CHECK(calls[1].status == CallStatus::succeeded);
  const auto authorized = app.published<events::Authorized>(app.payment(order).id);
  REQUIRE(authorized.size() == 1);
  CHECK(authorized[0].amount == 1999);
  CHECK(sandbox_ledger().counts(order) == SandboxCounts{.authorizations = 1, .confirmations = 1});
}

TEST_CASE("a buyer coming back again changes nothing: the payment is confirmed once") {
  PaymentApp app;
  const auto buyer = app.account();
  const auto order = waiting_payment(app, buyer.id);
  REQUIRE(app.buyer_back(order, buyer.token).status == 202);
  REQUIRE(app.reaches(order, Status::authorized));
  const auto again = app.buyer_back(order, buyer.token);
  CHECK(again.status == 200);
  CHECK(again.json().at("status") == "authorized");
  CHECK(app.calls(order).size() == 2);
  CHECK(app.published_count<events::Authorized>() == 1);
  CHECK(sandbox_ledger().counts(order).confirmations == 1);
}

TEST_CASE("only the payment's customer may bring it back: another is not found, nobody signed in must sign in") {
  PaymentApp app;
  const auto buyer = app.account();
  const auto stranger = app.account();
  const auto order = waiting_payment(app, buyer.id);
  CHECK(app.buyer_back(order, stranger.token).status == 404);
  CHECK(app.buyer_back(order).status == 401);
  CHECK(app.buyer_back(new_id(), buyer.token).status == 404);     // an order without payment
  CHECK(app.buyer_back("not-an-id", buyer.token).status == 404);  // names no order
  CHECK(app.payment(order).status == Status::requires_action);
  CHECK(app.calls(order).size() == 1);
}

TEST_CASE("a guest's payment is brought back by whoever asks: the gateway's approval is what authorizes it") {
  PaymentApp app;
  const auto order = waiting_payment(app, std::nullopt);
  CHECK(app.buyer_back(order).status == 202);
  REQUIRE(app.reaches(order, Status::authorized));
}

TEST_CASE("a payment that did not wait for the buyer is left as it is") {
  PaymentApp app;
  const auto buyer = app.account();
  auto requested = PaymentApp::request_of(new_id(), "sandbox_ok");
  requested.customer_id = buyer.id;
  app.publish(requested);
  REQUIRE(app.reaches(requested.order_id, Status::authorized));
  const auto r = app.buyer_back(requested.order_id, buyer.token);
  CHECK(r.status == 200);
  CHECK(r.json().at("status") == "authorized");
  CHECK(app.calls(requested.order_id).size() == 1);
}
