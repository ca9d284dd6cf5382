#pragma once
// Growing delays after failed logins: pure rules, the store keeps the counts.
#include <agora/core/clock.hpp>
#include <agora/core/error.hpp>

#include <chrono>
#include <optional>

namespace agora::user {

struct ThrottlePolicy {
  int free_attempts = 5;                                // failures before any delay
  std::chrono::milliseconds base_delay{1000};           // after the first counted failure, doubled per failure
  std::chrono::milliseconds max_delay{15 * 60 * 1000};  // a delay is never longer than this
  std::chrono::hours forget_after{24};                  // a quiet key starts again from zero
};

// When a key with `failures` consecutive failures (this one included) may try again; nullopt: at once.
std::optional<Timestamp> locked_until(const ThrottlePolicy& policy, int failures, Timestamp now);

// The answer to a throttled key: how long until `until`, in whole seconds (at least one).
Error throttled(Timestamp until, Timestamp now);  // too_many_requests, with_retry_after

}  // namespace agora::user
