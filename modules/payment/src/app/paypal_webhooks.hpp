#pragma once
// PayPal's webhook deliveries: verified by asking PayPal with our webhook's id
// (paypal_verification.hpp), then the event kept in PayPal's inbox and processed there.
#include "app/webhook_inbox.hpp"
#include "gateways/paypal_verification.hpp"

#include <string>
#include <string_view>

namespace agora::payment {

class PaypalWebhooks {
 public:
  PaypalWebhooks(Database& db, const Clock& clock, PaymentRunner& runner, PaypalClient& paypal, std::string webhook_id,
                 WebhookOptions options);

  // Error{bad_request} with nothing stored when PayPal does not verify the delivery or the body is not
  // an event; Error{unavailable} when PayPal cannot be asked now. Returns the event's id, stored now
  // or before.
  std::string receive(std::string_view body, const PaypalTransmission& transmission);
  WebhookInbox& inbox() { return inbox_; }

 private:
  PaypalClient& paypal_;
  const std::string webhook_id_;
  WebhookInbox inbox_;
};

}  // namespace agora::payment
