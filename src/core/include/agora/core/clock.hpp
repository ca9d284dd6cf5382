#pragma once
// An injectable clock: domain code asks a Clock, tests move a ManualClock.
#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace agora {

using Timestamp = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
  static const Clock& system();
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start) : now_(start.time_since_epoch().count()) {}
  Timestamp now() const override { return Timestamp(Timestamp::duration(now_.load())); }
  void set(Timestamp t) { now_ = t.time_since_epoch().count(); }
  void advance(std::chrono::system_clock::duration d) { now_ += d.count(); }

 private:
  std::atomic<Timestamp::duration::rep> now_;
};

// RFC 3339 in UTC with millisecond precision: 2026-11-24T12:00:00.000Z
std::string to_rfc3339(Timestamp t);
std::optional<Timestamp> parse_rfc3339(std::string_view text);

}  // namespace agora
