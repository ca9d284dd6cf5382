#pragma once
// Growing delays after failed logins: pure rule, the store keeps the counts.
#include <agora/core/clock.hpp>

#include <chrono>
#include <optional>

namespace agora::user {

struct ThrottlePolicy {
  int free_attempts = 5;                          // failures before any delay
  std::chrono::milliseconds base_delay{1000};     // after the first counted failure, doubled per failure
  std::chrono::milliseconds max_delay{15 * 60 * 1000};  // lockout is never longer than this
  std::chrono::hours forget_after{24};            // a quiet key starts again from zero
};

// When a key with `failures` consecutive failures (this one included) may try again; nullopt: at once.
std::optional<Timestamp> locked_until(const ThrottlePolicy& policy, int failures, Timestamp now);

}  // namespace agora::user
