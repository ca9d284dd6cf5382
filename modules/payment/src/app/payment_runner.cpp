#include "app/payment_runner.hpp"

#include "app/payment_changes.hpp"
#include "store/call_store.hpp"
#include "store/payment_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/failpoint.hpp>
#include <agora/core/log.hpp>
#include <agora/core/metrics.hpp>

namespace agora::payment {
namespace {

// Payments submitted per pass of the resume job; more wait for the next pass.
constexpr std::size_t kResumeBatch = 500;

using Outcome = Answer::Outcome;

std::string_view outcome_text(Outcome o) {
  switch (o) {
    case Outcome::succeeded:
      return "succeeded";
    case Outcome::requires_action:
      return "requires_action";
    case Outcome::declined:
      return "declined";
    case Outcome::unknown:
      break;
  }
  return "unknown";
}

// A payment held by this runner and the call it makes for it.
struct Claimed {
  Payment payment;
  Call call;
  CallRequest request;
};

Answer ask(Gateway& gateway, const Call& call, const CallRequest& request) {
  try {
    switch (call.kind) {
      case CallKind::authorize:
        return gateway.authorize(request);
      case CallKind::confirm:
        return gateway.confirm(request);
      case CallKind::capture:
        return gateway.capture(request);
      case CallKind::void_authorization:
        return gateway.cancel(request);
      case CallKind::refund:
        return gateway.refund(request);
    }
  } catch (const std::exception& e) {
    // An adapter that throws has not told us what the gateway did: the call is asked again.
    return {Outcome::unknown, "", "", "", log::describe(e)};
  }
  return {Outcome::unknown, "", "", "", "no such call"};
}

// The open call of a payment this runner holds, as the gateway is asked it.
Claimed call_of(soci::session& sql, Payment p) {
  auto c = call_store::open_call(sql, p.id);
  if (!c) throw std::logic_error("a payment with a call to make has no started call");
  auto reference = p.gateway_ref.value_or("");
  if (c->kind == CallKind::refund) reference = call_store::capture_reference(sql, p.id).value_or(reference);
  auto request = request_of(p, *c, std::move(reference));
  return Claimed{std::move(p), std::move(*c), std::move(request)};
}

// Takes the payment's call to make: nullopt when it has none, or another runner holds it.
std::optional<Claimed> claim(Database& db, const std::string& payment_id, std::optional<Timestamp> held_until,
                             Timestamp now, std::chrono::milliseconds lease) {
  // A lease at least half left was taken for this runner by the call's own transaction: nobody else
  // makes the call before it runs out. Less than that left (the queue was long), it is taken anew.
  if (held_until && *held_until - now > lease / 2) {
    auto conn = db.acquire();
    auto p = payment_store::load(*conn, payment_id);
    if (!p || !has_call_out(p->status)) return std::nullopt;
    return call_of(*conn, std::move(*p));
  }
  return db.transact([&](Tx& tx) -> std::optional<Claimed> {
    auto p = payment_store::claim(tx.sql(), payment_id, now, now + lease);
    if (!p) return std::nullopt;
    return call_of(tx.sql(), std::move(*p));
  });
}

}  // namespace

CallRequest request_of(const Payment& p, const Call& c, std::string reference) {
  return {
      c.id, p.order_id, c.amount, p.currency, p.token, p.return_url, std::move(reference), p.authorized_at.has_value()};
}

PaymentRunner::PaymentRunner(Database& db, const Clock& clock, Metrics& metrics, const Gateways& gateways,
                             RunnerOptions options)
    : db_(db),
      clock_(clock),
      metrics_(metrics),
      gateways_(gateways),
      options_(options),
      queue_(
          options.threads, [this](const Submitted& s) { run(s); },
          [](const Submitted& s, const std::exception& e) {
            // Its lease runs out and the resume job hands it to a runner again.
            log::error("payment: a gateway call could not be run",
                       {{"payment_id", s.payment_id}, {"error", log::describe(e)}});
          }) {}

void PaymentRunner::submit(const std::string& payment_id, std::optional<Timestamp> held_until) {
  queue_.submit(payment_id, {payment_id, held_until});
}

void PaymentRunner::resume() {
  std::vector<std::string> due;
  {
    auto conn = db_.acquire();
    due = payment_store::due(*conn, clock_.now(), kResumeBatch);
  }
  for (const auto& id : due) submit(id);
}

void PaymentRunner::run(const Submitted& submitted) {
  const auto& payment_id = submitted.payment_id;
  const auto claimed = claim(db_, payment_id, submitted.held_until, clock_.now(), options_.lease);
  if (!claimed) return;  // nothing to do, or another runner holds it

  // Crash points for the recovery tests: the call's key is committed and the call not yet made, or
  // the gateway has answered and nothing of it is recorded.
  const std::string kind(to_text(claimed->call.kind));
  failpoint("payment.before_call." + kind);
  auto* gateway = gateways_.find(claimed->payment.gateway);
  const auto answer = gateway ? ask(*gateway, claimed->call, claimed->request)
                              : Answer{Outcome::unknown, "", "", "", "the gateway is not configured here"};
  failpoint("payment.after_answer." + kind);
  metrics_
      .counter("agora_payment_calls_total", "Calls to payment gateways by gateway, kind and outcome",
               {{"gateway", claimed->payment.gateway},
                {"kind", kind},
                {"outcome", std::string(outcome_text(answer.outcome))}})
      .inc();

  const auto answered = db_.transact([&](Tx& tx) -> std::optional<Answered> {
    const auto p = payment_store::lock(tx.sql(), payment_id);
    const auto c = call_store::load(tx.sql(), claimed->call.id);
    // Recorded already: this runner's lease ran out while the call was out, and another runner made
    // it again (with the same key, so it was done once) and recorded the same answer.
    if (!p || !c || c->status != CallStatus::started) return std::nullopt;
    const auto now = clock_.now();
    auto a = on_answer(*p, *c, answer, options_.retry, now);
    call_store::update(tx.sql(), a.call);
    save(tx, a.change, now, *this);
    return a;
  });
  if (!answered) return;
  const auto& paid = answered->change.payment;
  if (answered->attention)
    log::error("payment: " + *answered->attention, {{"payment_id", paid.id}, {"order_id", paid.order_id}});
  else if (answered->call.status == CallStatus::started)
    log::warn("payment: a gateway call had no answer; it is tried again",
              {{"payment_id", paid.id},
               {"kind", to_text(answered->call.kind)},
               {"attempts", answered->call.attempts},
               {"error", answered->call.last_error.value_or("")}});
}

}  // namespace agora::payment
