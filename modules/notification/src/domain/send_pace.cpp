#include "domain/send_pace.hpp"

#include <algorithm>

namespace agora::notification {

SendPace::SendPace(double per_second)
    : interval_(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / per_second))) {}

SendPace::Clock::duration SendPace::reserve(Clock::time_point now) {
  std::lock_guard lock(mutex_);
  const auto slot = std::max(next_, now);
  next_ = slot + interval_;
  return slot - now;
}

}  // namespace agora::notification
