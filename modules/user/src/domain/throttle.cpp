#include "domain/throttle.hpp"

#include <algorithm>

namespace agora::user {

std::optional<Timestamp> locked_until(const ThrottlePolicy& policy, int failures, Timestamp now) {
  if (failures < policy.free_attempts) return std::nullopt;
  const int doublings = std::min(failures - policy.free_attempts, 30);
  const auto delay = std::min(policy.base_delay * (std::int64_t{1} << doublings), policy.max_delay);
  return now + delay;
}

Error throttled(Timestamp until, Timestamp now) {
  const auto wait = std::chrono::ceil<std::chrono::seconds>(until - now);
  Error e(ErrorKind::too_many_requests, "too many failed attempts; try again later");
  e.with_retry_after(std::max(wait, std::chrono::seconds(1)));
  return e;
}

}  // namespace agora::user
