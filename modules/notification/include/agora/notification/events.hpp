#pragma once
// Events the notification module publishes on topic notification.events, one struct each (see
// TypedEvent in agora/core/events.hpp), key = message id. Each is written in the transaction that
// records the outcome of sending the message, for analytics. A field is only ever added to a
// version; a change of meaning is a new version. The README's event tables are made from this file
// by scripts/event_docs.py.
#include <agora/core/event_json.hpp>

namespace agora::notification::events {

using agora::event_json::tag_invoke;

inline constexpr std::string_view kTopic = "notification.events";

// The provider accepted the message for delivery (for email: the SMTP server took it).
struct Sent {
  static constexpr EventName kName{kTopic, "notification.sent", 1};
  std::string message_id;
  std::string event_id;  // the event that caused it
  std::string channel;   // email, sms, push, in_app
  std::string template_name;
  std::string provider_id;  // the email's Message-ID, Twilio's SM sid, FCM's message name(s), the in-app message id
  std::int64_t attempts = 0;
  std::string key() const { return message_id; }
};
BOOST_DESCRIBE_STRUCT(Sent, (), (message_id, event_id, channel, template_name, provider_id, attempts))

// The message will not be sent: the provider refused it for good, or every attempt failed.
struct Failed {
  static constexpr EventName kName{kTopic, "notification.failed", 1};
  std::string message_id;
  std::string event_id;
  std::string channel;
  std::string template_name;
  std::string error;  // the last failure's reason
  std::int64_t attempts = 0;
  std::string key() const { return message_id; }
};
BOOST_DESCRIBE_STRUCT(Failed, (), (message_id, event_id, channel, template_name, error, attempts))

}  // namespace agora::notification::events
