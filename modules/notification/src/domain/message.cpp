#include "domain/message.hpp"

#include <algorithm>

namespace agora::notification {

std::chrono::milliseconds backoff(int attempts, const RetryPolicy& policy) {
  auto wait = policy.base;
  for (int i = 1; i < attempts && wait < policy.max; ++i) wait *= 2;
  return std::min(wait, policy.max);
}

Message after_attempt(Message m, const Delivery& d, const RetryPolicy& policy, Timestamp now) {
  m.lease_until.reset();
  if (d.outcome == Delivery::Outcome::sent) {
    m.status = Status::sent;
    m.provider_id = d.provider_id;
    m.sent_at = now;
    m.last_error.reset();
    return m;
  }
  m.last_error = d.error;
  if (d.outcome == Delivery::Outcome::permanent_failure || m.attempts >= policy.max_attempts) {
    m.status = Status::failed;
    return m;
  }
  m.status = Status::queued;
  m.next_attempt_at = now + backoff(m.attempts, policy);
  return m;
}

}  // namespace agora::notification
