#pragma once
// Values crossing SOCI: timestamps as microseconds since the epoch (the module's clock is
// injected, so SQL never reads now() itself), and nullable strings with their indicators.
#include <agora/core/clock.hpp>
#include <soci/soci-backend.h>

#include <optional>
#include <string>

namespace agora {

inline long long micros(Timestamp t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}
inline Timestamp from_micros(long long us) { return Timestamp(std::chrono::microseconds(us)); }

// An optional string as SOCI binds it: keep it alive for the statement, bind value and ind.
struct Nullable {
  std::string value;
  soci::indicator ind;
};
inline Nullable nullable(const std::optional<std::string>& v) { return {v.value_or(""), v ? soci::i_ok : soci::i_null}; }

// SQL: a bound microseconds parameter as timestamptz, and a timestamptz column as microseconds.
#define AGORA_TS(param) "(timestamptz 'epoch' + CAST(" param " AS bigint) * interval '1 microsecond')"
#define AGORA_US(column) "CAST(extract(epoch FROM " column ") * 1000000 AS bigint)"

}  // namespace agora
