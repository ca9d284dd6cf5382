// With payment.capture = at_fulfillment, order.placed leaves the authorization and the order's first
// shipment (order.fulfillment_created) captures all of it, and an authorization still not captured
// payment.capture_authorizations_after_s after it was made is captured by a job, before the gateway
// lets it lapse. With capture at once, such an authorization's order was never placed: left alone.
#include "payment_app.hpp"

using namespace agora;
using namespace agora::payment;
using namespace agora::payment::test;
using namespace std::chrono_literals;

namespace {

const Overrides kAtFulfillment{{"payment.capture", "at_fulfillment"}};

// The default payment.capture_authorizations_after_s: six days.
constexpr auto kCaptureAfter = std::chrono::hours(24 * 6);

// A placed order whose payment is authorized; its id.
std::string placed_order(PaymentApp& app, std::int64_t amount = 1999) {
  const auto order = app.request_payment("sandbox_ok", amount);
  REQUIRE(app.reaches(order, Status::authorized));
  app.place(order);
  return order;
}

}  // namespace

TEST_CASE("with capture at fulfillment, a placed order's payment stays authorized and nothing is captured") {
  PaymentApp app(kAtFulfillment);
  const auto order = placed_order(app);
  REQUIRE(app.handled("payment.order_reactions"));
  CHECK(app.payment(order).status == Status::authorized);
  CHECK(app.calls(order).size() == 1);
  CHECK(app.published_count<events::Succeeded>() == 0);
  CHECK(sandbox_ledger().counts(order) == SandboxCounts{1, 0, 0, 0});
}

TEST_CASE("with capture at fulfillment, the first shipment captures the whole authorization, once") {
  PaymentApp app(kAtFulfillment);
  const auto order = placed_order(app, 4200);
  const auto first = PaymentApp::shipment_of(order);
  app.publish(first);
  app.publish(first);  // redelivered
  REQUIRE(app.reaches(order, Status::captured));
  app.publish(PaymentApp::shipment_of(order));  // the rest of the order, shipped later
  REQUIRE(app.handled("payment.order_reactions"));
  app.check_captured_once(order, 4200);
}

TEST_CASE("with capture at once, a shipment starts no capture of its own") {
  PaymentApp app;
  const auto order = app.request_payment("sandbox_ok");
  REQUIRE(app.reaches(order, Status::authorized));
  app.publish(PaymentApp::shipment_of(order));  // not placed: only order.placed captures in this mode
  REQUIRE(app.handled("payment.order_reactions"));
  CHECK(app.payment(order).status == Status::authorized);
  CHECK(sandbox_ledger().counts(order) == SandboxCounts{1, 0, 0, 0});
}

TEST_CASE("with capture at fulfillment, a cancelled order's authorization is voided and never captured") {
  PaymentApp app(kAtFulfillment);
  const auto order = placed_order(app);
  app.cancel(order);
  REQUIRE(app.reaches(order, Status::voided));
  app.clock.advance(kCaptureAfter + 1h);
  app.publish(PaymentApp::shipment_of(order));
  REQUIRE(app.handled("payment.order_reactions"));
  CHECK(app.payment(order).status == Status::voided);
  CHECK(app.published_count<events::Voided>() == 1);
  CHECK(app.published_count<events::Succeeded>() == 0);
  CHECK(sandbox_ledger().counts(order) == SandboxCounts{1, 0, 1, 0});
}

TEST_CASE("an authorization not shipped within six days is captured before it lapses; a younger one waits") {
  PaymentApp app(kAtFulfillment);
  const auto old_order = placed_order(app, 3000);
  app.clock.advance(kCaptureAfter - 24h);
  const auto young_order = placed_order(app, 1500);
  REQUIRE(app.handled("payment.order_reactions"));
  CHECK(app.payment(old_order).status == Status::authorized);

  app.clock.advance(24h + 1s);
  REQUIRE(app.reaches(old_order, Status::captured));
  // The pass that captured the old one found the young one too young.
  CHECK(app.payment(young_order).status == Status::authorized);
  CHECK(sandbox_ledger().counts(young_order) == SandboxCounts{1, 0, 0, 0});

  app.publish(PaymentApp::shipment_of(old_order));  // shipped at last: captured already
  REQUIRE(app.handled("payment.order_reactions"));
  app.check_captured_once(old_order, 3000);
}

TEST_CASE("with capture at once, an old authorization whose order was never placed is not captured") {
  PaymentApp app;
  const auto order = app.request_payment("sandbox_ok", 2500);
  REQUIRE(app.reaches(order, Status::authorized));
  app.clock.advance(kCaptureAfter + 1h);
  std::this_thread::sleep_for(300ms);  // many passes of the payment jobs
  CHECK(app.payment(order).status == Status::authorized);
  CHECK(sandbox_ledger().counts(order) == SandboxCounts{1, 0, 0, 0});
}

TEST_CASE("two instances looking for old authorizations do not take the same payment") {
  PaymentApp app(kAtFulfillment);
  const auto order = app.request_payment("sandbox_ok");
  REQUIRE(app.reaches(order, Status::authorized));
  const auto later = app.clock.now() + kCaptureAfter;
  app.db().transact([&](Tx& one) {
    REQUIRE(payment_store::lock_authorized_before(one.sql(), later, 10).size() == 1);
    // Another instance's pass, while this one holds the payment: it skips it instead of waiting.
    app.db().transact([&](Tx& other) {
      prepared::run(other.sql(), "SELECT set_config('lock_timeout', '2s', true)");  // were it to wait
      CHECK(payment_store::lock_authorized_before(other.sql(), later, 10).empty());
    });
  });
}
