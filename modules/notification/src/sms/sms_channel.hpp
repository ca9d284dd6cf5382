#pragma once
// SMS as a channel: the rendered text sent to the recipient's phone number through Twilio.
#include "app/channel.hpp"
#include "sms/twilio_client.hpp"

namespace agora::notification {

class SmsChannel final : public Channel {
 public:
  SmsChannel(TwilioOptions options, outbound::Destination& twilio) : twilio_(std::move(options), twilio) {}
  Delivery send(const Message& m, const Rendered& r, Timestamp now) override;

 private:
  TwilioClient twilio_;
};

}  // namespace agora::notification
