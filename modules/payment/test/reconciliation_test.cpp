// What reconciliation makes of a payment failed as gateway_unavailable, without a database: what the
// gateway holds of its unanswered call is voided, nothing held is recorded, a gateway that never
// answers within the window is left to an operator, and a payment is reconciled once.
#include "domain/reconciliation.hpp"

#include <catch2/catch.hpp>

using namespace agora;
using namespace agora::payment;
using namespace std::chrono_literals;
using Outcome = Answer::Outcome;

namespace {

const Timestamp kFailedAt = std::chrono::system_clock::now();
const Timestamp kNow = kFailedAt + 2h;

Payment failed_unanswered() {
  Payment p;
  p.id = "p";
  p.order_id = "o";
  p.amount = 1999;
  p.currency = "USD";
  p.status = Status::failed;
  p.failure_code = "gateway_unavailable";
  p.failure_message = "the payment gateway could not be reached; nothing was charged";
  p.lease_until = kNow + 30s;  // the pass's that looked it up
  p.updated_at = kFailedAt;
  return p;
}

}  // namespace

TEST_CASE("an authorization the unanswered call left is voided through a void call, and the payment is reconciled") {
  const auto r = reconcile_found(failed_unanswered(), Answer{Outcome::succeeded, "auth_1"}, kNow);
  REQUIRE(r);
  const auto& p = r->change.payment;
  CHECK(p.status == Status::voiding);
  CHECK(p.gateway_ref == "auth_1");
  CHECK(p.authorized_at == kNow);
  CHECK(p.reconciliation == Reconciliation::held);
  CHECK(p.reconciled_at == kNow);
  CHECK_FALSE(p.lease_until);
  CHECK(p.failure_code == "gateway_unavailable");  // why it failed stays told
  REQUIRE(r->change.start);
  CHECK(r->change.start->kind == CallKind::void_authorization);
  CHECK(r->change.start->amount == 1999);
  CHECK(r->change.announce == Announcement::none);  // voided is announced once the void is done
  CHECK_FALSE(r->attention);
}

TEST_CASE("an authorization found waiting for the buyer's action is cancelled, without being taken as authorized") {
  const auto r = reconcile_found(failed_unanswered(), Answer{Outcome::requires_action, "pi_1"}, kNow);
  REQUIRE(r);
  CHECK(r->change.payment.status == Status::voiding);
  CHECK(r->change.payment.gateway_ref == "pi_1");
  CHECK_FALSE(r->change.payment.authorized_at);
  CHECK(r->change.start->kind == CallKind::void_authorization);
}

TEST_CASE("a gateway that holds nothing of the call leaves the payment failed, reconciled as nothing held") {
  const Answer nothing{Outcome::declined, "", "", "nothing_held", "none found"};
  const auto r = reconcile_found(failed_unanswered(), nothing, kNow);
  REQUIRE(r);
  CHECK(r->change.payment.status == Status::failed);
  CHECK(r->change.payment.reconciliation == Reconciliation::nothing_held);
  CHECK(r->change.payment.reconciled_at == kNow);
  CHECK_FALSE(r->change.start);
  CHECK(r->change.announce == Announcement::none);
  CHECK_FALSE(r->attention);
}

TEST_CASE("a gateway that does not answer the look-up is asked again on the next pass, the window unchanged") {
  const auto r = reconcile_found(failed_unanswered(), Answer{Outcome::unknown, "", "", "", "timeout"}, kNow);
  REQUIRE(r);
  CHECK(to_reconcile(r->change.payment));
  CHECK_FALSE(r->change.payment.lease_until);  // the next pass may take it
  CHECK(r->change.payment.updated_at == kFailedAt);
  CHECK_FALSE(r->change.start);
  CHECK_FALSE(r->attention);
}

TEST_CASE("the gateway is asked only within the window after the payment failed, then an operator is told once") {
  CHECK(gateway_remembers(failed_unanswered(), 86400s, kFailedAt + 86399s));
  CHECK_FALSE(gateway_remembers(failed_unanswered(), 86400s, kFailedAt + 86400s));

  const auto r = reconcile_found(failed_unanswered(), std::nullopt, kNow);
  REQUIRE(r);
  CHECK(r->change.payment.status == Status::failed);
  CHECK(r->change.payment.reconciliation == Reconciliation::unanswered);
  CHECK(r->change.payment.reconciled_at == kNow);
  CHECK_FALSE(r->change.start);
  REQUIRE(r->attention);
  CHECK(r->attention->find("order o") != std::string::npos);
  // Reconciled: a later pass (or another instance's) finds nothing to do.
  CHECK_FALSE(to_reconcile(r->change.payment));
  CHECK_FALSE(reconcile_found(r->change.payment, std::nullopt, kNow));
}

TEST_CASE("only a payment failed unanswered and not reconciled yet is reconciled") {
  auto declined = failed_unanswered();
  declined.failure_code = "card_declined";
  auto reconciled = failed_unanswered();
  reconciled.reconciled_at = kFailedAt;
  reconciled.reconciliation = Reconciliation::nothing_held;
  auto voiding = failed_unanswered();
  voiding.status = Status::voiding;
  const Answer held{Outcome::succeeded, "auth_1"};
  CHECK(to_reconcile(failed_unanswered()));
  for (const auto& p : {declined, reconciled, voiding}) {
    CHECK_FALSE(to_reconcile(p));
    CHECK_FALSE(reconcile_found(p, held, kNow));
  }
}

TEST_CASE("a found authorization is voided and announced as voided; one the gateway refuses to void stays failed") {
  const auto voiding = reconcile_found(failed_unanswered(), Answer{Outcome::succeeded, "auth_1"}, kNow)->change.payment;
  Call c;
  c.id = "c";
  c.kind = CallKind::void_authorization;
  c.amount = 1999;
  const RetryPolicy retry{3, 1000ms};

  const auto voided = on_answer(voiding, c, Answer{Outcome::succeeded, "auth_1"}, retry, kNow);
  CHECK(voided.change.payment.status == Status::voided);
  CHECK(voided.change.announce == Announcement::voided);

  const Answer refused{Outcome::declined, "", "", "processing_error", "Try again later."};
  const auto kept = on_answer(voiding, c, refused, retry, kNow);
  CHECK(kept.change.payment.status == Status::failed);
  CHECK(kept.change.payment.failure_code == "processing_error");
  CHECK(kept.change.announce == Announcement::none);
  CHECK(kept.attention);
}
