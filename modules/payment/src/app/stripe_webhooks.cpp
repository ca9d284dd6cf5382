#include "app/stripe_webhooks.hpp"

#include "gateways/stripe_events.hpp"
#include "gateways/stripe_signature.hpp"

namespace agora::payment {

StripeWebhooks::StripeWebhooks(Database& db, const Clock& clock, PaymentRunner& runner, std::string secret,
                               WebhookOptions options)
    : clock_(clock), secret_(std::move(secret)), inbox_(db, clock, runner, "stripe", read_stripe_event, options) {}

std::string StripeWebhooks::receive(std::string_view body, std::optional<std::string_view> signature) {
  verify_stripe_signature(signature, body, secret_, clock_.now());
  return inbox_.keep(body);
}

}  // namespace agora::payment
