#include "domain/reconciliation.hpp"

namespace agora::payment {
namespace {

using Outcome = Answer::Outcome;

Reconciled recorded(const Payment& p, Reconciliation what, Timestamp now) {
  Reconciled r{{p}};
  auto& paid = r.change.payment;
  paid.reconciliation = what;
  paid.reconciled_at = now;
  paid.updated_at = now;
  paid.lease_until.reset();
  return r;
}

}  // namespace

bool to_reconcile(const Payment& p) {
  return p.status == Status::failed && p.failure_code == kGatewayUnavailable && !p.reconciled_at;
}

bool gateway_remembers(const Payment& p, std::chrono::seconds window, Timestamp now) {
  return now < p.updated_at + window;
}

std::optional<Reconciled> reconcile_found(const Payment& p, const std::optional<Answer>& found, Timestamp now) {
  if (!to_reconcile(p)) return std::nullopt;
  if (!found) {
    auto r = recorded(p, Reconciliation::unanswered, now);
    r.attention = "the gateway did not tell whether the unanswered call of order " + p.order_id +
                  " left an authorization; look for one at the gateway and void it";
    return r;
  }
  switch (found->outcome) {
    case Outcome::unknown: {
      // Asked again on the next pass: the look-up is over, and with it the pass's lease.
      Reconciled r{{p}};
      r.change.payment.lease_until.reset();
      return r;
    }
    case Outcome::declined:
      return recorded(p, Reconciliation::nothing_held, now);
    case Outcome::succeeded:
    case Outcome::requires_action:
      break;
  }
  auto r = recorded(p, Reconciliation::held, now);
  auto& paid = r.change.payment;
  paid.status = Status::voiding;
  if (!found->reference.empty()) paid.gateway_ref = found->reference;
  // The void tells the gateway an authorization from a buyer's pending action (PayPal voids only the
  // former): the authorization is dated from when it was found.
  if (found->outcome == Outcome::succeeded) paid.authorized_at = now;
  r.change.start = CallToStart{CallKind::void_authorization, p.amount};
  return r;
}

}  // namespace agora::payment
