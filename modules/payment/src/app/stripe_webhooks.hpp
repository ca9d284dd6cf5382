#pragma once
// Stripe's webhook events: verified on the raw body, stored once by event id (a repeated delivery
// finds it there), then processed apart from the answer to Stripe. Processing finds the payment by
// its PaymentIntent (or the order id in its metadata) and applies on_gateway_event in one
// transaction with the event marked processed. An event whose payment is unknown here, or busy with
// a call, is put off and tried again, up to max_attempts times.
#include "app/payment_runner.hpp"
#include "domain/gateway_events.hpp"

#include <agora/core/clock.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace agora {
class Database;
}

namespace agora::payment {

struct WebhookOptions {
  std::string secret;  // the endpoint's signing secret (whsec_...)
  int max_attempts = 12;
  std::chrono::milliseconds retry_base{1000};  // the wait after the first attempt, doubled after each further one
};

class StripeWebhooks {
 public:
  StripeWebhooks(Database& db, const Clock& clock, PaymentRunner& runner, WebhookOptions options);

  // Error{bad_request} with nothing stored when the signature does not hold or the body is not an
  // event. Returns the event's id, stored now or before.
  std::string receive(std::string_view body, std::optional<std::string_view> signature);
  // Processes the event when it is still to process and due; else does nothing.
  void process(const std::string& event_id);
  // Processes every event due: put off before, or left by a crash between storing and processing.
  void process_due();

 private:
  Database& db_;
  const Clock& clock_;
  PaymentRunner& runner_;
  const WebhookOptions options_;
};

}  // namespace agora::payment
