// order.placed captures an authorized payment (payment.succeeded); order.cancelled gives back what the
// gateway holds: an authorization is voided (payment.voided), a capture refunded (payment.refunded),
// and a call still out is undone as soon as it is answered.
#include "payment_app.hpp"

using namespace agora;
using namespace agora::payment;
using namespace agora::payment::test;

TEST_CASE("a placed order's payment is captured for the authorized amount") {
  PaymentApp app;
  const auto order = app.request_payment("sandbox_ok", 3100);
  REQUIRE(app.reaches(order, Status::authorized));
  app.place(order);
  app.place(order);  // redelivered: captured once
  REQUIRE(app.reaches(order, Status::captured));
  REQUIRE(app.handled("payment.order_reactions"));
  app.check_captured_once(order, 3100);
}

TEST_CASE("a cancelled order's authorization is voided and nothing is captured") {
  PaymentApp app;
  const auto order = app.request_payment("sandbox_ok");
  REQUIRE(app.reaches(order, Status::authorized));
  app.cancel(order);
  app.cancel(order);  // redelivered: voided once
  REQUIRE(app.reaches(order, Status::voided));
  const auto p = app.payment(order);
  CHECK(p.captured == 0);
  const auto voided = app.published<events::Voided>(p.id);
  REQUIRE(voided.size() == 1);
  CHECK(voided[0].order_id == order);
  app.place(order);  // too late: a voided payment is not captured
  REQUIRE(app.handled("payment.order_reactions"));
  CHECK(app.payment(order).status == Status::voided);
  CHECK(app.published_count<events::Succeeded>() == 0);
  CHECK(sandbox_ledger().counts(order) == SandboxCounts{1, 0, 1, 0});
}

TEST_CASE("an order cancelled while its authorization is out is voided once the gateway answers") {
  PaymentApp app(Overrides{{"payment.sandbox_latency_ms", "500"}});
  const auto order = app.request_payment("sandbox_ok");
  // A runner holds the payment: its call is out.
  REQUIRE(eventually(
      [&] { return app.count("SELECT count(*) FROM payment.payments WHERE lease_until IS NOT NULL") == 1; }));
  app.cancel(order);
  REQUIRE(app.handled("payment.order_reactions"));
  REQUIRE(app.reaches(order, Status::voided));
  const auto p = app.payment(order);
  CHECK(p.cancel_requested);
  CHECK(app.published<events::Voided>(p.id).size() == 1);
  CHECK(app.published_count<events::Authorized>() == 0);
  CHECK(sandbox_ledger().counts(order) == SandboxCounts{1, 0, 1, 0});
}

TEST_CASE("an order cancelled while the buyer is asked to act has its pending authorization voided") {
  PaymentApp app;
  const auto order = app.request_payment("sandbox_action");
  REQUIRE(app.reaches(order, Status::requires_action));
  app.cancel(order);
  REQUIRE(app.reaches(order, Status::voided));
  CHECK(app.published_count<events::Voided>() == 1);
}

TEST_CASE("a cancelled order's captured payment is refunded in full") {
  PaymentApp app;
  const auto order = app.request_payment("sandbox_ok", 2500);
  REQUIRE(app.reaches(order, Status::authorized));
  app.place(order);
  REQUIRE(app.reaches(order, Status::captured));
  app.cancel(order);
  REQUIRE(app.reaches(order, Status::refunded));
  const auto p = app.payment(order);
  CHECK(p.refunded == 2500);
  const auto refunded = app.published<events::Refunded>(p.id);
  REQUIRE(refunded.size() == 1);
  CHECK(refunded[0].amount == 2500);
  CHECK(refunded[0].refunded_total == 2500);
  CHECK(refunded[0].currency == "USD");
  CHECK(refunded[0].refund_id == app.calls(order).back().id);
  CHECK(sandbox_ledger().counts(order) == SandboxCounts{1, 1, 0, 1});
}

TEST_CASE("a cancelled order whose payment failed has nothing given back") {
  PaymentApp app;
  const auto order = app.request_payment("sandbox_decline");
  REQUIRE(app.reaches(order, Status::failed));
  app.cancel(order);
  REQUIRE(app.handled("payment.order_reactions"));
  CHECK(app.payment(order).status == Status::failed);
  CHECK(app.calls(order).size() == 1);
  CHECK(app.published_count<events::Voided>() == 0);
}

TEST_CASE("an order cancelled before its payment was asked for changes nothing") {
  PaymentApp app;
  app.cancel(new_id());
  REQUIRE(app.handled("payment.order_reactions"));
  CHECK(app.count("SELECT count(*) FROM payment.payments") == 0);
  CHECK(app.app.platform().events.dead_letters(10).empty());
}
