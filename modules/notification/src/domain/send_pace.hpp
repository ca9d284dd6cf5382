#pragma once
// A channel's send rate (messages per second, as a provider's account allows): each send takes the
// next slot, 1/rate after the one before; a sender waits for its slot. No bursts beyond one.
#include <chrono>
#include <mutex>

namespace agora::notification {

class SendPace {
 public:
  using Clock = std::chrono::steady_clock;
  explicit SendPace(double per_second);  // > 0
  // Takes the next slot: how long to wait from `now` until it.
  Clock::duration reserve(Clock::time_point now);

 private:
  const Clock::duration interval_;
  std::mutex mutex_;
  Clock::time_point next_{};
};

}  // namespace agora::notification
