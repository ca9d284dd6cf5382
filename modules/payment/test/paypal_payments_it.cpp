// Payments through PayPal, against the PayPal emulator: an order made at PayPal waits for the buyer at
// its approval link; the buyer back at the shop has it authorized; captured, voided and refunded as
// PayPal documents it; a decline carries PayPal's issue; an answer lost to a 500 or a timeout is asked
// for again with the same PayPal-Request-Id and PayPal makes one order of it; one token serves every
// call until PayPal refuses it.
#include "harness/paypal_emulator.hpp"
#include "payment_app.hpp"

using namespace agora;
using namespace agora::payment;
using namespace agora::payment::test;
using agora::test::PaypalEmulator;
using namespace std::chrono_literals;

namespace {

// A guest's PayPal payment for a new order, waiting for the buyer at PayPal: its order id.
std::string waiting(PaymentApp& app, std::int64_t amount = 1999, const std::string& currency = "USD") {
  auto requested = PaymentApp::request_of(new_id(), "", amount, "paypal");
  requested.customer_id = std::nullopt;
  requested.currency = currency;
  app.publish(requested);
  REQUIRE(app.reaches(requested.order_id, Status::requires_action));
  return requested.order_id;
}

// The buyer approves at PayPal and comes back to the shop: the payment is authorized.
void approved(PaymentApp& app, PaypalEmulator& paypal, const std::string& order) {
  paypal.approve(paypal.paypal_order(order));
  REQUIRE(app.buyer_back(order).status == 202);
  REQUIRE(app.reaches(order, Status::authorized));
}

}  // namespace

TEST_CASE("a PayPal payment waits for the buyer at PayPal's approval link, named by PayPal's order") {
  PaypalEmulator paypal;
  PaymentApp app(paypal.config());
  const auto order = waiting(app);
  const auto p = app.payment(order);
  CHECK(p.gateway_ref == paypal.paypal_order(order));
  const auto action = app.published<events::ActionRequired>(p.id);
  REQUIRE(action.size() == 1);
  CHECK(action[0].action == "redirect");
  CHECK(action[0].url == paypal.url() + "/_emulator/checkoutnow?token=" + *p.gateway_ref);
  CHECK(paypal.counted("orders_created", order) == 1);
  CHECK(paypal.counted("authorized", order) == 0);
  CHECK(paypal.requests_with(app.calls(order).at(0).id) == 1);
}

TEST_CASE("the buyer back at the shop after approving has the payment authorized, named by PayPal's authorization") {
  PaypalEmulator paypal;
  PaymentApp app(paypal.config());
  const auto order = waiting(app, 4250);
  const auto paypal_order = paypal.paypal_order(order);
  approved(app, paypal, order);
  const auto p = app.payment(order);
  CHECK(p.gateway_ref != paypal_order);
  const auto calls = app.calls(order);
  REQUIRE(calls.size() == 2);
  CHECK(calls[1].kind == CallKind::confirm);
  CHECK(calls[1].gateway_ref == p.gateway_ref);
  CHECK(paypal.requests_with(calls[1].id) == 1);
  const auto authorized = app.published<events::Authorized>(p.id);
  REQUIRE(authorized.size() == 1);
  CHECK(authorized[0].gateway == "paypal");
  CHECK(authorized[0].amount == 4250);
  CHECK(paypal.counted("authorized", order) == 1);
}

TEST_CASE("a buyer back without approving leaves the payment waiting; back again after approving, it is authorized") {
  PaypalEmulator paypal;
  PaymentApp app(paypal.config());
  const auto order = waiting(app);
  paypal.cancel(paypal.paypal_order(order));
  REQUIRE(app.buyer_back(order).status == 202);
  REQUIRE(eventually([&] { return app.calls(order).back().status == CallStatus::failed; }));
  CHECK(app.calls(order).back().last_error->starts_with("ORDER_NOT_APPROVED"));
  CHECK(app.payment(order).status == Status::requires_action);
  CHECK(app.published_count<events::ActionRequired>() == 1);
  CHECK(app.published_count<events::Failed>() == 0);
  approved(app, paypal, order);
  CHECK(paypal.counted("authorized", order) == 1);
}

TEST_CASE("an approval whose funding PayPal's bank declines fails the payment with PayPal's issue") {
  PaypalEmulator paypal;
  PaymentApp app(paypal.config());
  const auto order = waiting(app);
  paypal.approve(paypal.paypal_order(order), "INSTRUMENT_DECLINED");
  REQUIRE(app.buyer_back(order).status == 202);
  REQUIRE(app.reaches(order, Status::failed));
  const auto failed = app.published<events::Failed>(app.payment(order).id);
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].code == "INSTRUMENT_DECLINED");
  CHECK(failed[0].message.starts_with("The instrument presented was either declined"));
  CHECK(app.calls(order).back().attempts == 1);  // a decline is final: not asked again
  CHECK(paypal.counted("authorized") == 0);
}

TEST_CASE("a placed order's PayPal payment is captured; a cancelled one's authorization voided") {
  PaypalEmulator paypal;
  PaymentApp app(paypal.config());
  const auto placed = waiting(app, 3100);
  const auto cancelled = waiting(app, 1200);
  approved(app, paypal, placed);
  approved(app, paypal, cancelled);
  app.place(placed);
  app.cancel(cancelled);
  REQUIRE(app.reaches(placed, Status::captured));
  REQUIRE(app.reaches(cancelled, Status::voided));
  CHECK(app.payment(placed).captured == 3100);
  CHECK(app.published<events::Succeeded>(app.payment(placed).id).at(0).amount == 3100);
  CHECK(app.published_count<events::Voided>() == 1);
  CHECK(paypal.counted("captured", placed) == 1);
  CHECK(paypal.counted("amount_captured", placed) == 3100);
  CHECK(paypal.counted("voided", cancelled) == 1);
  CHECK(paypal.counted("captured", cancelled) == 0);
}

TEST_CASE("a cancelled order whose buyer never approved is voided without a call: PayPal holds nothing") {
  PaypalEmulator paypal;
  PaymentApp app(paypal.config());
  const auto order = waiting(app);
  app.cancel(order);
  REQUIRE(app.reaches(order, Status::voided));
  CHECK(paypal.counted("voided") == 0);
  CHECK(paypal.requests_with(app.calls(order).back().id) == 0);
  // Approving afterwards authorizes nothing: the payment is not waiting any more.
  paypal.approve(paypal.paypal_order(order));
  CHECK(app.buyer_back(order).status == 200);
  CHECK(paypal.counted("authorized") == 0);
}

TEST_CASE("a cancelled order's captured PayPal payment is refunded in full") {
  PaypalEmulator paypal;
  PaymentApp app(paypal.config());
  const auto order = waiting(app, 2500);
  approved(app, paypal, order);
  app.place(order);
  REQUIRE(app.reaches(order, Status::captured));
  app.cancel(order);
  REQUIRE(app.reaches(order, Status::refunded));
  const auto refunded = app.published<events::Refunded>(app.payment(order).id);
  REQUIRE(refunded.size() == 1);
  CHECK(refunded[0].amount == 2500);
  CHECK(refunded[0].refunded_total == 2500);
  CHECK(paypal.counted("refunded", order) == 1);
  CHECK(paypal.counted("amount_refunded", order) == 2500);
}

TEST_CASE("an amount in yen goes to PayPal in whole yen") {
  PaypalEmulator paypal;
  PaymentApp app(paypal.config());
  const auto order = waiting(app, 1500, "JPY");
  approved(app, paypal, order);
  app.place(order);
  REQUIRE(app.reaches(order, Status::captured));
  CHECK(paypal.counted("amount_captured", order) == 1500);
}

TEST_CASE("a 500 from PayPal is asked again with the same PayPal-Request-Id, and PayPal makes one order") {
  PaypalEmulator paypal;
  PaymentApp app(paypal.config());
  paypal.fail_next(1, 500);
  const auto order = app.request_payment("", 1999, "paypal");
  REQUIRE(eventually([&] { return app.attempts_of(order) == 1; }));
  CHECK(app.payment(order).status == Status::authorizing);
  app.clock.advance(1s);
  REQUIRE(app.reaches(order, Status::requires_action));
  const auto call = app.calls(order).at(0);
  CHECK(call.attempts == 2);
  CHECK(paypal.requests_with(call.id) == 2);
  CHECK(paypal.counted("orders_created") == 1);
  CHECK(app.published_count<events::ActionRequired>() == 1);
}

TEST_CASE("an authorization whose answer was lost is asked again with the same PayPal-Request-Id and made once") {
  PaypalEmulator paypal;
  PaymentApp app(paypal.config({{"payment.paypal_timeout_ms", "300"}}));
  const auto order = waiting(app);
  paypal.approve(paypal.paypal_order(order));
  paypal.hang_next(1);  // PayPal authorizes the order; its answer is lost
  REQUIRE(app.buyer_back(order).status == 202);
  REQUIRE(eventually([&] { return app.calls(order).back().attempts == 1; }));
  CHECK(app.payment(order).status == Status::authorizing);
  app.clock.advance(1s);
  REQUIRE(app.reaches(order, Status::authorized));
  const auto confirm = app.calls(order).back();
  CHECK(confirm.attempts == 2);
  CHECK(paypal.requests_with(confirm.id) == 2);
  CHECK(paypal.counted("authorized", order) == 1);
  CHECK(app.published_count<events::Authorized>() == 1);
}

TEST_CASE("one PayPal token serves every call; a token PayPal refuses is replaced once and the call made again") {
  PaypalEmulator paypal;
  PaymentApp app(paypal.config());
  for (int i = 0; i < 3; ++i) waiting(app);
  CHECK(paypal.tokens_issued() == 1);
  paypal.expire_tokens();
  const auto order = waiting(app);
  CHECK(paypal.tokens_issued() == 2);
  CHECK(paypal.requests_with(app.calls(order).at(0).id) == 2);  // refused with 401, then made
  CHECK(app.calls(order).at(0).attempts == 1);
  CHECK(paypal.counted("orders_created", order) == 1);
}
