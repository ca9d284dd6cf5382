#include "sms/sms_channel.hpp"

namespace agora::notification {

Delivery SmsChannel::send(const Message& m, const Rendered& r, Timestamp) { return twilio_.send(m.recipient, r.text); }

}  // namespace agora::notification
