#pragma once
// Twilio's status callback read (https://www.twilio.com/docs/messaging/guides/track-outbound-message-status):
// a form POST with MessageSid, MessageStatus (queued, sending, sent, delivered, undelivered, failed,
// ...) and, for undelivered and failed, ErrorCode.
#include "domain/delivery_report.hpp"
#include "sms/form.hpp"

#include <agora/core/error.hpp>

#include <optional>
#include <string>

namespace agora::notification {

struct TwilioStatus {
  std::string message_sid;
  std::string status;
  std::optional<DeliveryReport> report;  // delivered, undelivered and failed; nullopt for the others
};

// Throws Error{validation} listing the fields missing or malformed (MessageSid, MessageStatus).
TwilioStatus read_twilio_status(const FormFields& params);

}  // namespace agora::notification
