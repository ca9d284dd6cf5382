#include "app/paypal_webhooks.hpp"

#include "gateways/paypal_events.hpp"

namespace agora::payment {

PaypalWebhooks::PaypalWebhooks(Database& db, const Clock& clock, PaymentRunner& runner, PaypalClient& paypal,
                               std::string webhook_id, WebhookOptions options)
    : paypal_(paypal),
      webhook_id_(std::move(webhook_id)),
      inbox_(db, clock, runner, "paypal", read_paypal_event, options) {}

std::string PaypalWebhooks::receive(std::string_view body, const PaypalTransmission& transmission) {
  verify_paypal_delivery(paypal_, webhook_id_, transmission, body);
  return inbox_.keep(body);
}

}  // namespace agora::payment
