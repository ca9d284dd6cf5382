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

// The instants a client may name: [1970-01-01T00:00:00Z, 2200-01-01T00:00:00Z). A Timestamp counts
// nanoseconds in 64 bits (1677 to 2262); the bounds keep parsed times, and a few decades added to
// them, well inside that.
inline constexpr std::chrono::sys_seconds kEarliestTimestamp{std::chrono::sys_days{std::chrono::year{1970} / 1 / 1}};
inline constexpr std::chrono::sys_seconds kTimestampsEnd{std::chrono::sys_days{std::chrono::year{2200} / 1 / 1}};
// What a field that parse_rfc3339 refused must be, for the field error a caller returns.
inline constexpr std::string_view kRfc3339Expected =
    "must be an RFC 3339 timestamp from 1970 to 2199, such as 2026-11-24T12:00:00Z";

// RFC 3339 in UTC with millisecond precision: 2026-11-24T12:00:00.000Z
std::string to_rfc3339(Timestamp t);
// nullopt for a text that is not RFC 3339 or an instant outside the supported range.
std::optional<Timestamp> parse_rfc3339(std::string_view text);

// Microseconds since the epoch, for a compact stored form (a cache entry).
inline long long micros(Timestamp t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}
// Milliseconds since the epoch: what an RFC 3339 text keeps.
inline long long millis(Timestamp t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}
inline Timestamp from_micros(long long us) { return Timestamp(std::chrono::microseconds(us)); }

}  // namespace agora
