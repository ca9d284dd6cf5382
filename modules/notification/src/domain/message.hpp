#pragma once
// A message one event caused for one recipient on one channel, and what an attempt to send it
// makes of it: sent, tried again after a backoff, or failed for good.
#include "domain/channels.hpp"

#include <agora/core/clock.hpp>
#include <boost/describe/enum.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace agora::notification {

// queued -> sending -> sent, or back to queued for a retry, finally failed; a provider that reports
// later moves a sent message on to delivered or bounced.
enum class Status { queued, sending, sent, delivered, failed, bounced };
BOOST_DESCRIBE_ENUM(Status, queued, sending, sent, delivered, failed, bounced)

struct Message {
  std::string id;
  std::string event_id;
  std::string event_type;
  std::string dedupe_key;  // the event by what it tells of: one message per key, channel and recipient
  std::string channel;     // email, sms, push, in_app
  std::string recipient;   // an email address, a phone number, a device token, a user id
  std::optional<std::string> user_id;
  std::string template_name;
  Category category = Category::order;
  std::string locale;
  std::string data;  // the template's values, a JSON object
  std::optional<std::string> subject;
  Status status = Status::queued;
  int attempts = 0;
  std::optional<std::string> provider_id;
  std::optional<std::string> last_error;
  Timestamp next_attempt_at;
  std::optional<Timestamp> lease_until;
  Timestamp created_at;
  std::optional<Timestamp> sent_at;
  std::optional<Timestamp> delivered_at;
};

struct RetryPolicy {
  std::chrono::milliseconds base{30000};  // the first wait, doubled per attempt
  std::chrono::milliseconds max{3'600'000};
  int max_attempts = 8;
};

// What a provider made of one attempt.
struct Delivery {
  enum class Outcome { sent, temporary_failure, permanent_failure };
  Outcome outcome = Outcome::temporary_failure;
  std::string provider_id;  // when sent
  std::string error;        // when not
};

// The message after an attempt made at `now` (its attempts counted): sent; queued again after the
// backoff for a temporary failure while attempts remain; otherwise failed.
Message after_attempt(Message m, const Delivery& d, const RetryPolicy& policy, Timestamp now);

// The wait before attempt `attempts` + 1: base doubled per attempt made beyond the first, at most max.
std::chrono::milliseconds backoff(int attempts, const RetryPolicy& policy);

}  // namespace agora::notification
