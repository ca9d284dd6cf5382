// What a gateway's own events make of a payment, without a database: each moves a payment only from
// a state before the one it describes; late, repeated or out-of-order events change nothing; while
// a call of ours is out the event waits for its answer.
#include "domain/gateway_events.hpp"

#include <catch2/catch.hpp>

using namespace agora;
using namespace agora::payment;
using Kind = GatewayEvent::Kind;
using Verdict = Heard::Verdict;

namespace {

const Timestamp kNow = std::chrono::system_clock::now();

Payment payment_in(Status status) {
  Payment p;
  p.id = "p";
  p.order_id = "o";
  p.amount = 1999;
  p.currency = "USD";
  p.status = status;
  p.gateway_ref = "pi_1";
  if (status == Status::captured || status == Status::refunded) p.captured = 1999;
  if (status == Status::refunded) p.refunded = 1999;
  return p;
}

GatewayEvent event(Kind kind, std::int64_t amount = 0) {
  GatewayEvent e;
  e.kind = kind;
  e.reference = "pi_1";
  e.amount = amount;
  return e;
}

}  // namespace

TEST_CASE("an authorization the buyer completed (3-D Secure) authorizes a payment waiting for it") {
  const auto heard = on_gateway_event(payment_in(Status::requires_action), event(Kind::authorized), kNow);
  REQUIRE(heard.verdict == Verdict::applied);
  CHECK(heard.change.payment.status == Status::authorized);
  CHECK(heard.change.payment.authorized_at == kNow);
  CHECK(heard.change.announce == Announcement::authorized);
  CHECK_FALSE(heard.again);
}

TEST_CASE("an event describing a state the payment is past changes nothing") {
  for (const auto s : {Status::authorized, Status::captured, Status::voided, Status::refunded})
    CHECK(on_gateway_event(payment_in(s), event(Kind::authorized), kNow).verdict == Verdict::stale);
  for (const auto s : {Status::captured, Status::refunded})
    CHECK(on_gateway_event(payment_in(s), event(Kind::captured, 1999), kNow).verdict == Verdict::stale);
  for (const auto s : {Status::authorized, Status::captured, Status::failed})
    CHECK(on_gateway_event(payment_in(s), event(Kind::failed), kNow).verdict == Verdict::stale);
  CHECK(on_gateway_event(payment_in(Status::refunded), event(Kind::refunded, 1999), kNow).verdict == Verdict::stale);
}

TEST_CASE("while a call of ours is out, an event waits for its answer") {
  for (const auto s : {Status::authorizing, Status::capturing, Status::voiding, Status::refunding})
    for (const auto k : {Kind::authorized, Kind::captured, Kind::failed, Kind::voided, Kind::refunded})
      CHECK(on_gateway_event(payment_in(s), event(k, 1999), kNow).verdict == Verdict::wait);
}

TEST_CASE("a capture made at the gateway captures an authorized payment for the amount received") {
  const auto heard = on_gateway_event(payment_in(Status::authorized), event(Kind::captured, 1500), kNow);
  REQUIRE(heard.verdict == Verdict::applied);
  CHECK(heard.change.payment.status == Status::captured);
  CHECK(heard.change.payment.captured == 1500);
  CHECK(heard.change.announce == Announcement::succeeded);
}

TEST_CASE("a capture heard while the buyer was to act is the authorization first, then heard again") {
  const auto first = on_gateway_event(payment_in(Status::requires_action), event(Kind::captured, 1999), kNow);
  REQUIRE(first.verdict == Verdict::applied);
  CHECK(first.again);
  CHECK(first.change.payment.status == Status::authorized);
  CHECK(first.change.announce == Announcement::authorized);
  const auto second = on_gateway_event(first.change.payment, event(Kind::captured, 1999), kNow);
  CHECK(second.change.payment.status == Status::captured);
  CHECK(second.change.announce == Announcement::succeeded);
  CHECK_FALSE(second.again);
}

TEST_CASE("a failed authentication fails the payment with the gateway's code") {
  auto e = event(Kind::failed);
  e.code = "payment_intent_authentication_failure";
  e.message = "The provided PaymentMethod has failed authentication.";
  const auto heard = on_gateway_event(payment_in(Status::requires_action), e, kNow);
  REQUIRE(heard.verdict == Verdict::applied);
  CHECK(heard.change.payment.status == Status::failed);
  CHECK(heard.change.payment.failure_code == "payment_intent_authentication_failure");
  CHECK(heard.change.announce == Announcement::failed);
}

TEST_CASE("an authorization cancelled at the gateway voids the payment") {
  for (const auto s : {Status::requires_action, Status::authorized}) {
    const auto heard = on_gateway_event(payment_in(s), event(Kind::voided), kNow);
    CHECK(heard.change.payment.status == Status::voided);
    CHECK(heard.change.announce == Announcement::voided);
  }
  CHECK(on_gateway_event(payment_in(Status::captured), event(Kind::voided), kNow).verdict == Verdict::stale);
}

TEST_CASE("a refund at the gateway raises the refunded total, once, by what is new; the rest stays captured") {
  auto partly = payment_in(Status::captured);
  partly.refunded = 500;
  auto e = event(Kind::refunded, 800);
  e.refund_id = "re_2";
  const auto heard = on_gateway_event(partly, e, kNow);
  REQUIRE(heard.verdict == Verdict::applied);
  CHECK(heard.change.payment.status == Status::captured);
  CHECK(heard.change.payment.refunded == 800);
  CHECK(heard.change.refund_id == "re_2");
  CHECK(heard.change.refund_amount == 300);
  CHECK(heard.change.announce == Announcement::refunded);
  CHECK(on_gateway_event(heard.change.payment, e, kNow).verdict == Verdict::stale);
  const auto whole = on_gateway_event(heard.change.payment, event(Kind::refunded, 1999), kNow);
  CHECK(whole.change.payment.status == Status::refunded);
  CHECK(whole.change.refund_amount == 1199);
}

TEST_CASE("money the gateway holds or took for a payment that failed or was voided here needs a person") {
  CHECK(on_gateway_event(payment_in(Status::failed), event(Kind::authorized), kNow).attention);
  CHECK(on_gateway_event(payment_in(Status::voided), event(Kind::captured, 1999), kNow).attention);
  CHECK_FALSE(on_gateway_event(payment_in(Status::captured), event(Kind::authorized), kNow).attention);
}

TEST_CASE("the buyer's approval at the gateway starts the confirm of a payment waiting for it, and of no other") {
  const auto heard = on_gateway_event(payment_in(Status::requires_action), event(Kind::approved), kNow);
  REQUIRE(heard.verdict == Verdict::applied);
  CHECK(heard.change.payment.status == Status::authorizing);
  CHECK(heard.change.start->kind == CallKind::confirm);
  CHECK(heard.change.announce == Announcement::none);
  for (const auto s : {Status::authorized, Status::captured, Status::failed, Status::voided})
    CHECK(on_gateway_event(payment_in(s), event(Kind::approved), kNow).verdict == Verdict::stale);
  // Approved while the confirm is out (the buyer came back first): it waits, then finds it done.
  CHECK(on_gateway_event(heard.change.payment, event(Kind::approved), kNow).verdict == Verdict::wait);
}

TEST_CASE("a capture the gateway denied after taking it as done fails the payment, and a person is told") {
  auto e = event(Kind::capture_denied);
  e.code = "DECLINED_BY_RISK_FRAUD_FILTERS";
  const auto heard = on_gateway_event(payment_in(Status::captured), e, kNow);
  REQUIRE(heard.verdict == Verdict::applied);
  CHECK(heard.change.payment.status == Status::failed);
  CHECK(heard.change.payment.captured == 0);
  CHECK(heard.change.payment.failure_code == "DECLINED_BY_RISK_FRAUD_FILTERS");
  CHECK(heard.change.announce == Announcement::failed);
  CHECK(heard.attention);
  for (const auto s : {Status::authorized, Status::failed, Status::refunded})
    CHECK(on_gateway_event(payment_in(s), e, kNow).verdict == Verdict::stale);
}
