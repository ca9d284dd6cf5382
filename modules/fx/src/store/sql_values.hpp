#pragma once
// Timestamps crossing SOCI as microseconds since the epoch (the clock is injected, so SQL never
// reads now() itself); rates cross as numeric text, never as a double.
#include <agora/core/clock.hpp>

namespace agora::fx {

inline long long micros(Timestamp t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}
inline Timestamp from_micros(long long us) { return Timestamp(std::chrono::microseconds(us)); }

// SQL: a bound microseconds parameter as timestamptz, and a timestamptz column as microseconds.
#define FX_TS(param) "(timestamptz 'epoch' + CAST(" param " AS bigint) * interval '1 microsecond')"
#define FX_US(column) "CAST(extract(epoch FROM " column ") * 1000000 AS bigint)"

}  // namespace agora::fx
