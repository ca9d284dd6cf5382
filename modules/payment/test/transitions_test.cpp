// The rules of a payment's life, without a database: what an order event or a gateway's answer
// makes of a payment, and the waits between attempts of a call that had no answer.
#include "domain/transitions.hpp"
#include "harness/problems.hpp"

#include <catch2/catch.hpp>

using namespace agora;
using namespace agora::payment;
using namespace std::chrono_literals;
using Outcome = Answer::Outcome;

namespace {

const Timestamp kNow = std::chrono::system_clock::now();

Payment payment_in(Status status) {
  Payment p;
  p.id = "p";
  p.order_id = "o";
  p.amount = 1999;
  p.currency = "USD";
  p.status = status;
  p.gateway_ref = "ref";
  if (status == Status::captured) p.captured = 1999;
  return p;
}

Call call_of(CallKind kind, int attempts = 0) {
  Call c;
  c.id = "c";
  c.kind = kind;
  c.amount = 1999;
  c.attempts = attempts;
  return c;
}

const RetryPolicy kRetry{3, 1000ms};
const Answer kSucceeded{Outcome::succeeded, "ref-2"};
const Answer kUnknown{Outcome::unknown, "", "", "", "timeout"};

}  // namespace

TEST_CASE("the wait after an unanswered call doubles with each attempt, up to 1024 times the first") {
  CHECK(backoff(1000ms, 1) == 1000ms);
  CHECK(backoff(1000ms, 2) == 2000ms);
  CHECK(backoff(1000ms, 4) == 8000ms);
  CHECK(backoff(1000ms, 50) == 1024000ms);
}

TEST_CASE("only an authorized payment starts its capture, of all it holds") {
  const auto change = start_capture(payment_in(Status::authorized), kNow);
  REQUIRE(change);
  CHECK(change->payment.status == Status::capturing);
  CHECK(change->start->kind == CallKind::capture);
  CHECK(change->start->amount == 1999);
  for (const auto s : {Status::capturing, Status::captured, Status::failed, Status::requires_action})
    CHECK_FALSE(start_capture(payment_in(s), kNow));
}

TEST_CASE("an authorization the gateway refused to void (a cancelled order's) is never captured") {
  auto voiding = payment_in(Status::voiding);
  voiding.authorized_at = kNow;
  const Answer refused{Outcome::declined, "", "", "processing_error", "Try again later."};
  const auto answered = on_answer(voiding, call_of(CallKind::void_authorization), refused, kRetry, kNow);
  REQUIRE(answered.change.payment.status == Status::authorized);
  CHECK_FALSE(start_capture(answered.change.payment, kNow));
}

TEST_CASE("a cancelled order's authorization is voided and its capture refunded") {
  const auto voiding = on_order_cancelled(payment_in(Status::authorized), kNow);
  CHECK(voiding->payment.status == Status::voiding);
  CHECK(voiding->start->kind == CallKind::void_authorization);

  auto partly_refunded = payment_in(Status::captured);
  partly_refunded.refunded = 500;
  const auto refunding = on_order_cancelled(partly_refunded, kNow);
  CHECK(refunding->payment.status == Status::refunding);
  CHECK(refunding->start->kind == CallKind::refund);
  CHECK(refunding->start->amount == 1499);

  for (const auto s : {Status::failed, Status::voided, Status::refunded, Status::voiding, Status::refunding})
    CHECK_FALSE(on_order_cancelled(payment_in(s), kNow));
}

TEST_CASE("staff refund at most what is left of a capture, and nothing while a call is out") {
  auto partly_refunded = payment_in(Status::captured);
  partly_refunded.refunded = 500;
  const auto change = refund_by_staff(partly_refunded, 1499, "goodwill", kNow);
  CHECK(change.payment.status == Status::refunding);
  CHECK(change.start->kind == CallKind::refund);
  CHECK(change.start->amount == 1499);
  CHECK(change.start->reason == "goodwill");

  using agora::test::error_kind_of;
  CHECK(error_kind_of([&] { refund_by_staff(partly_refunded, 1500, std::nullopt, kNow); }) == ErrorKind::validation);
  for (const auto s : {Status::authorizing, Status::authorized, Status::capturing, Status::voiding, Status::voided,
                       Status::refunding, Status::refunded, Status::failed})
    CHECK(error_kind_of([&] { refund_by_staff(payment_in(s), 1, std::nullopt, kNow); }) == ErrorKind::conflict);
}

TEST_CASE("a cancelled order whose call is out is marked once, and its authorization voided when it comes back") {
  const auto marked = on_order_cancelled(payment_in(Status::authorizing), kNow);
  REQUIRE(marked);
  CHECK(marked->payment.status == Status::authorizing);
  CHECK(marked->payment.cancel_requested);
  CHECK_FALSE(marked->start);
  CHECK_FALSE(on_order_cancelled(marked->payment, kNow));

  const auto answered = on_answer(marked->payment, call_of(CallKind::authorize), kSucceeded, kRetry, kNow);
  CHECK(answered.change.payment.status == Status::voiding);
  CHECK(answered.change.payment.gateway_ref == "ref-2");
  CHECK(answered.change.start->kind == CallKind::void_authorization);
  CHECK(answered.change.announce == Announcement::none);
  CHECK(answered.call.status == CallStatus::succeeded);
}

TEST_CASE("a capture answered after its order was cancelled is refunded without announcing success") {
  auto p = payment_in(Status::capturing);
  p.cancel_requested = true;
  const auto answered = on_answer(p, call_of(CallKind::capture), kSucceeded, kRetry, kNow);
  CHECK(answered.change.payment.status == Status::refunding);
  CHECK(answered.change.payment.captured == 1999);
  CHECK(answered.change.start->kind == CallKind::refund);
  CHECK(answered.change.announce == Announcement::none);
}

TEST_CASE("an unanswered call is tried again after its wait; an authorize out of attempts fails") {
  const auto again =
      on_answer(payment_in(Status::authorizing), call_of(CallKind::authorize, 1), kUnknown, kRetry, kNow);
  CHECK(again.call.status == CallStatus::started);
  CHECK(again.call.attempts == 2);
  CHECK(again.call.last_error == "timeout");
  CHECK(again.change.payment.lease_until == kNow + 2000ms);
  CHECK(again.change.announce == Announcement::none);

  const auto given_up =
      on_answer(payment_in(Status::authorizing), call_of(CallKind::authorize, 2), kUnknown, kRetry, kNow);
  CHECK(given_up.call.status == CallStatus::failed);
  CHECK(given_up.change.payment.status == Status::failed);
  CHECK(given_up.change.payment.failure_code == "gateway_unavailable");
  CHECK(given_up.change.announce == Announcement::failed);
}

TEST_CASE("a capture out of attempts is still tried again, and an operator is told") {
  const auto answered = on_answer(payment_in(Status::capturing), call_of(CallKind::capture, 5), kUnknown, kRetry, kNow);
  CHECK(answered.call.status == CallStatus::started);
  CHECK(answered.change.payment.status == Status::capturing);
  CHECK(answered.change.payment.lease_until == kNow + 32000ms);
  CHECK(answered.attention);
}

TEST_CASE("a declined capture fails the payment; a refused refund leaves it captured for a person to see") {
  const Answer declined{Outcome::declined, "", "", "authorization_expired", "The authorization expired."};
  const auto capture = on_answer(payment_in(Status::capturing), call_of(CallKind::capture), declined, kRetry, kNow);
  CHECK(capture.change.payment.status == Status::failed);
  CHECK(capture.change.payment.failure_code == "authorization_expired");
  CHECK(capture.change.announce == Announcement::failed);
  CHECK(capture.call.status == CallStatus::failed);
  CHECK(capture.call.last_error == "authorization_expired: The authorization expired.");

  auto refunding = payment_in(Status::refunding);
  refunding.captured = 1999;
  const auto refund = on_answer(refunding, call_of(CallKind::refund), declined, kRetry, kNow);
  CHECK(refund.change.payment.status == Status::captured);
  CHECK(refund.change.payment.refunded == 0);
  CHECK(refund.change.announce == Announcement::none);
  CHECK(refund.attention);
}

TEST_CASE("a payment waiting for the buyer's action starts its confirm once the buyer is back; no other does") {
  const auto change = after_buyer_action(payment_in(Status::requires_action), kNow);
  REQUIRE(change);
  CHECK(change->payment.status == Status::authorizing);
  CHECK(change->start->kind == CallKind::confirm);
  CHECK(change->start->amount == 1999);
  CHECK(change->announce == Announcement::none);
  for (const auto s : {Status::authorizing, Status::authorized, Status::failed, Status::voided, Status::captured})
    CHECK_FALSE(after_buyer_action(payment_in(s), kNow));
}

TEST_CASE("a confirmed authorization authorizes the payment, named by the gateway's authorization") {
  auto p = payment_in(Status::authorizing);
  p.action_url = "https://gateway.example/approve";
  const auto answered = on_answer(p, call_of(CallKind::confirm), kSucceeded, kRetry, kNow);
  CHECK(answered.change.payment.status == Status::authorized);
  CHECK(answered.change.payment.gateway_ref == "ref-2");
  CHECK(answered.change.payment.authorized_at == kNow);
  CHECK(answered.change.announce == Announcement::authorized);
  CHECK(answered.call.status == CallStatus::succeeded);
}

TEST_CASE("a confirm that finds the buyer not done yet leaves the payment waiting where it was, unannounced") {
  auto p = payment_in(Status::authorizing);
  p.action_url = "https://gateway.example/approve";
  const Answer not_yet{Outcome::requires_action, "", "", "ORDER_NOT_APPROVED", "Payer has not yet approved."};
  const auto answered = on_answer(p, call_of(CallKind::confirm), not_yet, kRetry, kNow);
  CHECK(answered.change.payment.status == Status::requires_action);
  CHECK(answered.change.payment.gateway_ref == "ref");
  CHECK(answered.change.payment.action_url == "https://gateway.example/approve");
  CHECK(answered.change.announce == Announcement::none);
  CHECK(answered.call.status == CallStatus::failed);
  CHECK(answered.call.last_error == "ORDER_NOT_APPROVED: Payer has not yet approved.");
  // Asked again once the buyer is back again.
  CHECK(after_buyer_action(answered.change.payment, kNow));
}

TEST_CASE("a declined confirm fails the payment; one unanswered too often fails it as an authorize would") {
  const Answer declined{Outcome::declined, "", "", "INSTRUMENT_DECLINED", "The instrument was declined."};
  const auto refused = on_answer(payment_in(Status::authorizing), call_of(CallKind::confirm), declined, kRetry, kNow);
  CHECK(refused.change.payment.status == Status::failed);
  CHECK(refused.change.payment.failure_code == "INSTRUMENT_DECLINED");
  CHECK(refused.change.announce == Announcement::failed);
  const auto given_up =
      on_answer(payment_in(Status::authorizing), call_of(CallKind::confirm, 2), kUnknown, kRetry, kNow);
  CHECK(given_up.change.payment.status == Status::failed);
  CHECK(given_up.change.payment.failure_code == "gateway_unavailable");
}
