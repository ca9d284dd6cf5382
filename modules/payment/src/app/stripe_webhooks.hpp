#pragma once
// Stripe's webhook deliveries: the Stripe-Signature checked on the raw body (stripe_signature.hpp),
// then the event kept in Stripe's inbox and processed there.
#include "app/webhook_inbox.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace agora::payment {

class StripeWebhooks {
 public:
  // `secret`: the endpoint's signing secret (whsec_...).
  StripeWebhooks(Database& db, const Clock& clock, PaymentRunner& runner, std::string secret, WebhookOptions options);

  // Error{bad_request} with nothing stored when the signature does not hold or the body is not an
  // event. Returns the event's id, stored now or before.
  std::string receive(std::string_view body, std::optional<std::string_view> signature);
  WebhookInbox& inbox() { return inbox_; }

 private:
  const Clock& clock_;
  const std::string secret_;
  WebhookInbox inbox_;
};

}  // namespace agora::payment
