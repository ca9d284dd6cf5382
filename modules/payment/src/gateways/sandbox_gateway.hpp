#pragma once
// The sandbox gateway: in-process and deterministic by token, idempotent by key as Stripe is.
//   sandbox_ok                  authorizes (so does any other well-formed token)
//   sandbox_decline             declines: card_declined
//   sandbox_insufficient_funds  declines: insufficient_funds
//   sandbox_action              requires action at https://sandbox.agora.invalid/authenticate/<reference>;
//                               confirmed once the buyer is back, as if they had passed it
//   sandbox_unreachable         answers unknown every time, and does nothing
//   sandbox_answer_lost         authorizes, but its answer is lost on the way back every time (unknown)
// Captures, voids and refunds succeed. A look-up finds what a key's call made (an authorization, or
// one waiting for the buyer's action), else nothing held. What it did is in sandbox_ledger().
#include "gateways/gateway.hpp"

#include <chrono>

namespace agora::payment {

class SandboxGateway final : public Gateway {
 public:
  explicit SandboxGateway(std::chrono::milliseconds latency) : latency_(latency) {}
  Answer authorize(const CallRequest& call) override;
  Answer confirm(const CallRequest& call) override;
  Answer capture(const CallRequest& call) override;
  Answer cancel(const CallRequest& call) override;
  Answer refund(const CallRequest& call) override;
  Answer look_up(CallKind kind, const CallRequest& call) override;
  std::vector<FieldError> method_problems(const PaymentMethod& method, std::string_view prefix) const override;

 private:
  std::chrono::milliseconds latency_;  // slept per call, as a real gateway takes its time
};

}  // namespace agora::payment
