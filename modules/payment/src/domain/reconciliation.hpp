#pragma once
// The rules of the reconciliation of a payment failed as gateway_unavailable. Its last authorize or
// confirm call went unanswered, and one of the attempts may still have reached the gateway and left an
// authorization there (money held on the buyer's card for an order that is cancelled). The gateway is
// asked what the call's key left while it can still answer about it, and what it holds is voided. Pure:
// the caller reads the payment under a row lock, applies a rule and stores what it returns.
#include "domain/answer.hpp"
#include "domain/transitions.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace agora::payment {

// The failure of a payment whose authorize or confirm the gateway never answered (transitions.cpp).
inline constexpr std::string_view kGatewayUnavailable = "gateway_unavailable";

// A payment reconciliation looks for: failed unanswered, and not reconciled yet.
bool to_reconcile(const Payment& p);

// Whether the gateway can still answer about the payment's unanswered call: `window` after the payment
// failed (its updated_at: a failed payment changes no more until it is reconciled).
bool gateway_remembers(const Payment& p, std::chrono::seconds window, Timestamp now);

// What reconciliation makes of the payment, with why an operator should look (logged as an error).
struct Reconciled {
  Change change;
  std::optional<std::string> attention;
};

// `found`: the gateway's answer to the look-up of the unanswered call, nullopt when it was not asked
// (gateway_remembers() no longer). An authorization held, or one waiting for the buyer's action, is
// voided (the payment voiding, then voided and announced so); nothing held is recorded; no answer in
// time is recorded for an operator. A gateway that did not answer is asked again on the next pass:
// only the lease of the pass that asked is let go (reconciled_at stays empty). nullopt when the
// payment is not to_reconcile() (reconciled by another instance).
std::optional<Reconciled> reconcile_found(const Payment& p, const std::optional<Answer>& found, Timestamp now);

}  // namespace agora::payment
