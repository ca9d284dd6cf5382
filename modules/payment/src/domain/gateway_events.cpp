#include "domain/gateway_events.hpp"

#include <algorithm>

namespace agora::payment {
namespace {

using Kind = GatewayEvent::Kind;
using Verdict = Heard::Verdict;

Heard applied(const Payment& p, Status to, Announcement announce, Timestamp now) {
  Heard h{Verdict::applied, {p}};
  h.change.payment.status = to;
  h.change.payment.updated_at = now;
  h.change.announce = announce;
  return h;
}

Heard stale(std::optional<std::string> attention = std::nullopt) {
  return {Verdict::stale, {}, false, std::move(attention)};
}

Heard authorized(const Payment& p, const GatewayEvent& e, Timestamp now) {
  if (p.status == Status::failed)
    // An authorize given up on as unanswered did reach the gateway after all.
    return stale("the gateway holds an authorization for order " + p.order_id + ", whose payment failed here (" +
                 p.failure_code.value_or("") + "); void it at the gateway");
  if (p.status != Status::requires_action) return stale();
  auto h = applied(p, Status::authorized, Announcement::authorized, now);
  if (!e.reference.empty()) h.change.payment.gateway_ref = e.reference;
  h.change.payment.authorized_at = now;
  return h;
}

Heard captured(const Payment& p, const GatewayEvent& e, Timestamp now) {
  if (p.status == Status::requires_action) {
    auto h = authorized(p, e, now);
    h.again = true;
    return h;
  }
  if (p.status == Status::failed || p.status == Status::voided)
    return stale("the gateway captured the payment of order " + p.order_id + ", which is " +
                 (p.status == Status::failed ? "failed" : "voided") + " here; refund it at the gateway");
  if (p.status != Status::authorized) return stale();
  auto h = applied(p, Status::captured, Announcement::succeeded, now);
  h.change.payment.captured = e.amount > 0 ? std::min(e.amount, p.amount) : p.amount;
  h.change.payment.captured_at = now;
  return h;
}

Heard approved(const Payment& p, Timestamp now) {
  const auto change = after_buyer_action(p, now);
  if (!change) return stale();
  return {Verdict::applied, *change};
}

// PayPal answers a capture it has not settled PENDING, which is taken as done; this is its denial.
Heard capture_denied(const Payment& p, const GatewayEvent& e, Timestamp now) {
  if (p.status != Status::captured || p.refunded > 0) return stale();
  auto h = applied(p, Status::failed, Announcement::failed, now);
  h.change.payment.captured = 0;
  h.change.payment.failure_code = e.code.empty() ? "capture_denied" : e.code;
  h.change.payment.failure_message = "the gateway denied the capture: nothing was taken";
  h.attention = "the gateway denied the capture of order " + p.order_id + ", which was taken as paid";
  return h;
}

Heard failed(const Payment& p, const GatewayEvent& e, Timestamp now) {
  if (p.status != Status::requires_action) return stale();
  auto h = applied(p, Status::failed, Announcement::failed, now);
  h.change.payment.failure_code = e.code.empty() ? "declined" : e.code;
  h.change.payment.failure_message = e.message;
  return h;
}

Heard voided(const Payment& p, Timestamp now) {
  if (p.status != Status::requires_action && p.status != Status::authorized) return stale();
  return applied(p, Status::voided, Announcement::voided, now);
}

Heard refunded(const Payment& p, const GatewayEvent& e, Timestamp now) {
  if (p.status != Status::captured && p.status != Status::refunded) return stale();
  const auto total = std::min(e.amount, p.captured);
  if (total <= p.refunded) return stale();
  // Part of the capture given back leaves the rest captured, as a partial refund of ours does.
  auto h = applied(p, total >= p.captured ? Status::refunded : Status::captured, Announcement::refunded, now);
  h.change.payment.refunded = total;
  h.change.refund_id = e.refund_id;
  h.change.refund_amount = total - p.refunded;
  return h;
}

}  // namespace

Heard on_gateway_event(const Payment& p, const GatewayEvent& e, Timestamp now) {
  if (has_call_out(p.status)) return {Verdict::wait};
  switch (e.kind) {
    case Kind::approved:
      return approved(p, now);
    case Kind::authorized:
      return authorized(p, e, now);
    case Kind::captured:
      return captured(p, e, now);
    case Kind::capture_denied:
      return capture_denied(p, e, now);
    case Kind::failed:
      return failed(p, e, now);
    case Kind::voided:
      return voided(p, now);
    case Kind::refunded:
      break;
  }
  return refunded(p, e, now);
}

}  // namespace agora::payment
