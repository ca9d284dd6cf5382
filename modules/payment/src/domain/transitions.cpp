#include "domain/transitions.hpp"

#include "domain/reconciliation.hpp"

#include <agora/core/error.hpp>
#include <boost/describe/enum_to_string.hpp>

#include <algorithm>

namespace agora::payment {
namespace {

using Outcome = Answer::Outcome;

Change moved(const Payment& p, Status to, Timestamp now, std::optional<CallToStart> start = std::nullopt) {
  Change c{p, start};
  c.payment.status = to;
  c.payment.updated_at = now;
  return c;
}

// The answer as the buyer reads it when it was not a success: the gateway's code and words, or what
// a requires_action means where only authorize may ask for one.
void note_failure(Payment& p, const Answer& a) {
  if (a.outcome == Outcome::requires_action) {
    p.failure_code = "action_required";
    p.failure_message = "the gateway asked the buyer to act where no action can be taken";
    return;
  }
  p.failure_code = a.code.empty() ? "declined" : a.code;
  p.failure_message = a.message;
}

void fail(Answered& out, const Answer& a) {
  note_failure(out.change.payment, a);
  out.change.payment.status = Status::failed;
  out.change.announce = Announcement::failed;
}

// An authorize, or a confirm once the buyer acted. A confirm answered requires_action found the buyer
// not done yet: the payment waits again, at the place it named before, without a second announcement.
void authorize_answered(Answered& out, const Answer& a, Timestamp now) {
  auto& p = out.change.payment;
  if (a.outcome == Outcome::declined) return fail(out, a);
  if (!a.reference.empty()) p.gateway_ref = a.reference;
  const bool authorized = a.outcome == Outcome::succeeded;
  if (authorized)
    p.authorized_at = now;
  else if (!a.action_url.empty())
    p.action_url = a.action_url;
  if (p.cancel_requested) {
    // The order was cancelled while the call was out: whatever the gateway now holds goes back
    // before anyone hears of it.
    p.status = Status::voiding;
    out.change.start = CallToStart{CallKind::void_authorization, p.amount};
    return;
  }
  p.status = authorized ? Status::authorized : Status::requires_action;
  if (authorized)
    out.change.announce = Announcement::authorized;
  else if (out.call.kind == CallKind::authorize)
    out.change.announce = Announcement::requires_action;
}

void capture_answered(Answered& out, const Answer& a, Timestamp now) {
  auto& p = out.change.payment;
  // A refused capture (an authorization expired or voided at the gateway) charged nothing.
  if (a.outcome != Outcome::succeeded) return fail(out, a);
  p.captured = out.call.amount;
  p.captured_at = now;
  if (p.cancel_requested) {
    // Cancelled while the capture was out: the money goes back at once instead of being announced
    // as the shop's.
    p.status = Status::refunding;
    out.change.start = CallToStart{CallKind::refund, p.captured - p.refunded};
    return;
  }
  p.status = Status::captured;
  out.change.announce = Announcement::succeeded;
}

// A gateway that refuses to give money back needs a person: the payment returns to what it was
// before, the refusal recorded on it.
void give_back_refused(Answered& out, const Answer& a, Status before) {
  auto& p = out.change.payment;
  note_failure(p, a);
  p.status = before;
  out.attention = "the gateway refused to " + std::string(to_text(out.call.kind)) + " the payment of order " +
                  p.order_id + ": " + *p.failure_code;
}

void void_answered(Answered& out, const Answer& a) {
  auto& p = out.change.payment;
  // What reconciliation found of a failed payment stays failed when the gateway refuses to let it go.
  const auto before = p.reconciliation == Reconciliation::held ? Status::failed
                      : p.authorized_at                        ? Status::authorized
                                                               : Status::requires_action;
  if (a.outcome != Outcome::succeeded) return give_back_refused(out, a, before);
  p.status = Status::voided;
  out.change.announce = Announcement::voided;
}

void refund_answered(Answered& out, const Answer& a) {
  auto& p = out.change.payment;
  if (a.outcome != Outcome::succeeded) return give_back_refused(out, a, Status::captured);
  p.refunded += out.call.amount;
  // A partial refund (a return of some units) leaves the rest captured.
  p.status = p.refunded >= p.captured ? Status::refunded : Status::captured;
  out.change.announce = Announcement::refunded;
  out.change.refund_id = out.call.id;
  out.change.refund_amount = out.call.amount;
}

// What is left of the capture to give back: nothing before a capture, or once it is all given back.
std::int64_t left_of_capture(const Payment& p) { return p.status == Status::captured ? p.captured - p.refunded : 0; }

void unanswered(Answered& out, const RetryPolicy& retry, Timestamp now) {
  auto& p = out.change.payment;
  auto& call = out.call;
  const bool out_of_attempts = call.attempts >= retry.max_attempts;
  if ((call.kind == CallKind::authorize || call.kind == CallKind::confirm) && out_of_attempts) {
    // The buyer is not kept waiting longer. One of the unanswered attempts may still have reached
    // the gateway and left an authorization there; nothing is captured of it, and the reconciliation
    // job asks the gateway what the call's key left and voids it (reconciliation.hpp).
    call.status = CallStatus::failed;
    call.finished_at = now;
    p.failure_code = std::string(kGatewayUnavailable);
    p.failure_message = "the payment gateway could not be reached; nothing was charged";
    p.status = Status::failed;
    out.change.announce = Announcement::failed;
    return;
  }
  // Money the shop holds or owes is never given up on: the call stays started for the resume job.
  p.lease_until = now + backoff(retry.base, call.attempts);
  if (out_of_attempts)
    out.attention = "a " + std::string(to_text(call.kind)) + " call of order " + p.order_id +
                    " is still unanswered after " + std::to_string(call.attempts) + " attempts; it is tried again";
}

}  // namespace

std::chrono::milliseconds backoff(std::chrono::milliseconds base, int attempts) {
  return base * (1 << std::clamp(attempts - 1, 0, 10));
}

std::optional<Change> start_capture(const Payment& p, Timestamp now) {
  // An authorized payment with a failure is one whose void the gateway refused: its order was
  // cancelled, and a person settles it at the gateway.
  if (p.status != Status::authorized || p.failure_code) return std::nullopt;
  return moved(p, Status::capturing, now, CallToStart{CallKind::capture, p.amount});
}

std::optional<Change> after_buyer_action(const Payment& p, Timestamp now) {
  if (p.status != Status::requires_action) return std::nullopt;
  return moved(p, Status::authorizing, now, CallToStart{CallKind::confirm, p.amount});
}

std::optional<Change> on_order_cancelled(const Payment& p, Timestamp now) {
  switch (p.status) {
    case Status::authorized:
    // Nothing is out while the buyer is asked to act: the gateway's pending authorization is cancelled
    // so that the buyer cannot complete it later.
    case Status::requires_action:
      return moved(p, Status::voiding, now, CallToStart{CallKind::void_authorization, p.amount});
    case Status::authorizing:
    case Status::capturing: {
      if (p.cancel_requested) return std::nullopt;
      auto c = moved(p, p.status, now);
      c.payment.cancel_requested = true;
      return c;
    }
    case Status::captured:
      if (p.captured <= p.refunded) return std::nullopt;
      return moved(p, Status::refunding, now, CallToStart{CallKind::refund, p.captured - p.refunded});
    default:  // failed, voided, refunded, or going back already
      return std::nullopt;
  }
}

std::optional<Change> refund_on_return(const Payment& p, std::int64_t amount, Timestamp now) {
  if (p.status == Status::refunding || p.status == Status::capturing)
    throw Error(ErrorKind::conflict, "payment " + p.id + " has a call out; the return's refund waits for it");
  const auto left = left_of_capture(p);
  if (left <= 0) return std::nullopt;
  return moved(p, Status::refunding, now, CallToStart{CallKind::refund, std::min(amount, left)});
}

Change refund_by_staff(const Payment& p, std::int64_t amount, std::optional<std::string> reason, Timestamp now) {
  if (has_call_out(p.status))
    throw Error(ErrorKind::conflict, "payment " + p.id + " has a call out; ask again once it is answered");
  const auto left = left_of_capture(p);
  if (left <= 0)
    throw Error(ErrorKind::conflict, "payment " + p.id + " is " + boost::describe::enum_to_string(p.status, "?") +
                                         ": it has no capture left to refund");
  if (amount > left)
    throw Error(ErrorKind::validation, "the refund is more than is left of the capture",
                {{"amount", "must be at most " + std::to_string(left) + ", what is left of the capture"}});
  return moved(p, Status::refunding, now, CallToStart{CallKind::refund, amount, std::move(reason)});
}

Answered on_answer(const Payment& p, const Call& c, const Answer& a, const RetryPolicy& retry, Timestamp now) {
  Answered out{{p}, c};
  out.change.payment.updated_at = now;
  out.change.payment.lease_until.reset();
  out.call.attempts += 1;
  if (a.outcome == Outcome::unknown) {
    out.call.last_error = a.message.empty() ? "no answer" : a.message;
    unanswered(out, retry, now);
    return out;
  }
  const bool waits_for_buyer = a.outcome == Outcome::requires_action && c.kind == CallKind::confirm;
  const bool done =
      a.outcome == Outcome::succeeded || (a.outcome == Outcome::requires_action && c.kind == CallKind::authorize);
  out.call.status = done ? CallStatus::succeeded : CallStatus::failed;
  out.call.finished_at = now;
  if (!a.reference.empty()) out.call.gateway_ref = a.reference;
  switch (c.kind) {
    case CallKind::authorize:
    case CallKind::confirm:
      authorize_answered(out, a, now);
      break;
    case CallKind::capture:
      capture_answered(out, a, now);
      break;
    case CallKind::void_authorization:
      void_answered(out, a);
      break;
    case CallKind::refund:
      refund_answered(out, a);
      break;
  }
  const auto& paid = out.change.payment;
  if (waits_for_buyer)
    out.call.last_error = (a.code.empty() ? "requires_action" : a.code) + ": " + a.message;
  else if (!done)
    out.call.last_error = paid.failure_code.value_or("") + ": " + paid.failure_message.value_or("");
  return out;
}

}  // namespace agora::payment
