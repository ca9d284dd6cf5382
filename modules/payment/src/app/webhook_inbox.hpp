#pragma once
// A gateway's webhook events once the delivery is verified: stored once by event id (a repeated
// delivery finds it there), then processed apart from the answer to the gateway. Processing finds the
// payment by the gateway's id for it (or the order id the gateway was given) and applies
// on_gateway_event in one transaction with the event marked processed. An event whose payment is
// unknown here, or busy with a call, is put off and tried again, up to max_attempts times.
#include "app/payment_runner.hpp"
#include "domain/gateway_events.hpp"

#include <agora/core/clock.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace agora {
class Database;
}

namespace agora::payment {

struct WebhookOptions {
  int max_attempts = 12;
  std::chrono::milliseconds retry_base{1000};  // the wait after the first attempt, doubled after each further one
};

class WebhookInbox {
 public:
  // Reads a body the gateway sent; throws Error{bad_request} when it is not one of its events.
  using Reader = ReceivedEvent (*)(std::string_view body);

  WebhookInbox(Database& db, const Clock& clock, PaymentRunner& runner, std::string gateway, Reader read,
               WebhookOptions options);

  // Stores the event of a verified body unless it was stored before; returns its id. Error{bad_request}
  // with nothing stored when the body is not an event.
  std::string keep(std::string_view body);
  // Processes the event when it is still to process and due; else does nothing.
  void process(const std::string& event_id);
  // Processes every event due: put off before, or left by a crash between storing and processing.
  void process_due();

 private:
  Database& db_;
  const Clock& clock_;
  PaymentRunner& runner_;
  const std::string gateway_;
  const Reader read_;
  const WebhookOptions options_;
};

}  // namespace agora::payment
