#include "app/reconciler.hpp"

#include "app/payment_changes.hpp"
#include "domain/reconciliation.hpp"
#include "store/call_store.hpp"
#include "store/payment_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/log.hpp>

namespace agora::payment {
namespace {

// Payments looked up per pass; more wait for the next pass.
constexpr std::size_t kReconcileBatch = 20;

using Outcome = Answer::Outcome;

// A payment held for its look-up, and the call looked up.
struct Claimed {
  Payment payment;
  std::optional<Call> call;  // its last: the unanswered authorize or confirm
};

Answer look_up(const Gateways& gateways, const Claimed& claimed) {
  const auto& p = claimed.payment;
  auto* gateway = gateways.find(p.gateway);
  if (!gateway) return {Outcome::unknown, "", "", "", "the gateway is not configured here"};
  if (!claimed.call) return {Outcome::unknown, "", "", "", "the payment has no call to look up"};
  try {
    return gateway->look_up(claimed.call->kind, request_of(p, *claimed.call, p.gateway_ref.value_or("")));
  } catch (const std::exception& e) {
    return {Outcome::unknown, "", "", "", log::describe(e)};
  }
}

}  // namespace

void Reconciler::reconcile_due() {
  std::vector<Payment> due;
  {
    auto conn = db_.acquire();
    const auto now = clock_.now();
    due = payment_store::to_reconcile(*conn, now - options_.after, now, kReconcileBatch);
  }
  std::set<std::string> silent;
  for (const auto& p : due) {
    if (silent.contains(p.gateway)) continue;
    try {
      reconcile(p.id, silent);
    } catch (const std::exception& e) {
      // Its lease runs out and a later pass looks it up again.
      log::error("payment: a payment could not be reconciled", {{"payment_id", p.id}, {"error", log::describe(e)}});
    }
  }
}

void Reconciler::reconcile(const std::string& payment_id, std::set<std::string>& silent) {
  const auto claimed = db_.transact([&](Tx& tx) -> std::optional<Claimed> {
    const auto now = clock_.now();
    auto p = payment_store::claim_to_reconcile(tx.sql(), payment_id, now, now + options_.lease);
    if (!p) return std::nullopt;
    auto calls = call_store::of_payment(tx.sql(), p->id);
    return Claimed{std::move(*p), calls.empty() ? std::nullopt : std::optional<Call>(std::move(calls.back()))};
  });
  if (!claimed) return;  // reconciled by another pass, or held by one

  std::optional<Answer> found;
  if (gateway_remembers(claimed->payment, options_.window, clock_.now())) {
    found = look_up(gateways_, *claimed);
    if (found->outcome == Outcome::unknown) silent.insert(claimed->payment.gateway);
  }
  const auto reconciled = db_.transact([&](Tx& tx) -> std::optional<Reconciled> {
    const auto p = payment_store::lock(tx.sql(), payment_id);
    if (!p) return std::nullopt;
    const auto now = clock_.now();
    auto r = reconcile_found(*p, found, now);
    if (r) save(tx, r->change, now, runner_);
    return r;
  });

  if (!reconciled) return;
  const auto& p = claimed->payment;
  boost::json::object fields{{"payment_id", p.id}, {"order_id", p.order_id}, {"gateway", p.gateway}};
  if (reconciled->attention) {
    log::error("payment: " + *reconciled->attention, fields);
  } else if (reconciled->change.start) {
    log::warn("payment: an unanswered call left an authorization at the gateway; it is voided", fields);
  } else if (!reconciled->change.payment.reconciled_at) {
    fields["error"] = found->message;
    log::warn("payment: the gateway did not tell what an unanswered call left; it is asked again", fields);
  }
}

}  // namespace agora::payment
