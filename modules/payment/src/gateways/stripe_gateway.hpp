#pragma once
// The Stripe gateway: PaymentIntents with capture_method=manual, through the outbound destination
// "stripe". authorize creates and confirms an intent (POST /v1/payment_intents), confirm reads it once
// the buyer is back from 3-D Secure (GET /v1/payment_intents/{id}), capture and void act on it
// (/v1/payment_intents/{id}/capture, /cancel), refund makes a Refund of it (POST /v1/refunds); a look-up
// finds an authorize's intent by the order in its metadata (GET /v1/payment_intents/search).
// Every call is form-encoded with the secret key as a Bearer token, the call's id as Idempotency-Key
// and a pinned Stripe-Version; stripe_answers.hpp says how its answers are read.
#include "domain/payment.hpp"
#include "gateways/form_encoding.hpp"
#include "gateways/gateway.hpp"

#include <agora/core/outbound.hpp>

#include <chrono>
#include <functional>
#include <string>

namespace agora::payment {

struct StripeOptions {
  std::string base_url = "https://api.stripe.com";
  std::string secret_key;  // sk_live_... or a restricted rk_...; never logged
  std::string api_version = "2024-06-20";
  std::chrono::milliseconds timeout{20000};  // a call unanswered by then is unknown, asked again later
};

class StripeGateway final : public Gateway {
 public:
  StripeGateway(StripeOptions options, outbound::Destination& stripe);
  Answer authorize(const CallRequest& call) override;
  Answer confirm(const CallRequest& call) override;
  Answer capture(const CallRequest& call) override;
  Answer cancel(const CallRequest& call) override;
  Answer refund(const CallRequest& call) override;
  Answer look_up(CallKind kind, const CallRequest& call) override;
  // A PaymentMethod id (pm_...) or a card token (tok_...), as Stripe.js gives them.
  std::vector<FieldError> method_problems(const PaymentMethod& method, std::string_view prefix) const override;

 private:
  // A request with the secret key and the pinned version, without an idempotency key.
  outbound::Request request(std::string method, const std::string& path, const FormFields& fields) const;
  // A call with its key as Idempotency-Key, its answer read by stripe_answer().
  Answer send(CallKind kind, std::string method, const std::string& path, const FormFields& fields,
              const CallRequest& call);
  // The request sent for `call`, Stripe's answer read by `read`; unknown when none came.
  Answer exchange(CallKind kind, const outbound::Request& request, const CallRequest& call,
                  const std::function<Answer(long, std::string_view)>& read);

  const StripeOptions options_;
  outbound::Destination& stripe_;
};

}  // namespace agora::payment
