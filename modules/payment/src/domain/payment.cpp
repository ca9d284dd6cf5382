#include "domain/payment.hpp"

namespace agora::payment {

bool has_call_out(Status s) {
  return s == Status::authorizing || s == Status::capturing || s == Status::voiding || s == Status::refunding;
}

std::string_view to_text(CallKind kind) {
  switch (kind) {
    case CallKind::authorize:
      return "authorize";
    case CallKind::confirm:
      return "confirm";
    case CallKind::capture:
      return "capture";
    case CallKind::void_authorization:
      return "void";
    case CallKind::refund:
      return "refund";
  }
  return "?";
}

std::optional<CallKind> call_kind(std::string_view text) {
  for (const auto kind :
       {CallKind::authorize, CallKind::confirm, CallKind::capture, CallKind::void_authorization, CallKind::refund})
    if (to_text(kind) == text) return kind;
  return std::nullopt;
}

Call started_call(const std::string& payment_id, const CallToStart& start, const std::string& id, Timestamp now) {
  Call c;
  c.id = id;
  c.payment_id = payment_id;
  c.kind = start.kind;
  c.amount = start.amount;
  c.reason = start.reason;
  c.created_at = now;
  return c;
}

}  // namespace agora::payment
