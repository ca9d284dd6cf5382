#pragma once
// Twilio's Messages API through the outbound destination "twilio": one POST
// /2010-04-01/Accounts/{sid}/Messages.json per message, form-encoded (To, From or
// MessagingServiceSid, Body, StatusCallback), the account SID and auth token as Basic credentials.
// Twilio takes no idempotency key: a call whose answer is lost is tried again and may send twice.
#include "domain/message.hpp"

#include <agora/core/outbound.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace agora::notification {

struct TwilioOptions {
  std::string api_base_url = "https://api.twilio.com";
  std::string account_sid;            // AC...; "" when SMS is not set up
  std::string auth_token;             // never logged
  std::string from;                   // an E.164 number or alphanumeric sender id of the account
  std::string messaging_service_sid;  // MG...; sent instead of From when set
  std::string callback_url;           // the public URL of the status callback; "" for none
  std::chrono::milliseconds timeout{10000};

  bool configured() const { return !account_sid.empty(); }
};

class TwilioClient {
 public:
  TwilioClient(TwilioOptions options, outbound::Destination& twilio);
  // Hands one message to Twilio, which splits a long body into segments itself.
  Delivery send(std::string_view to, std::string_view body);
  const TwilioOptions& options() const { return options_; }

 private:
  const TwilioOptions options_;
  outbound::Destination& twilio_;
};

}  // namespace agora::notification
