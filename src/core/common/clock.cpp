#include <agora/core/clock.hpp>

#include <charconv>
#include <ctime>

namespace agora {
namespace {

class SystemClock final : public Clock {
 public:
  Timestamp now() const override { return std::chrono::system_clock::now(); }
};

bool parse_int(std::string_view s, int& out) {
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size();
}

}  // namespace

const Clock& Clock::system() {
  static const SystemClock clock;
  return clock;
}

// By hand (Howard Hinnant's civil_from_days) rather than gmtime_r and fmt: documents and answers
// hold many timestamps, and this was a tenth of the cart's hot path.
std::string to_rfc3339(Timestamp t) {
  const auto ms = millis(t);
  constexpr long long kDay = 86'400'000;
  long long days = ms / kDay;
  long long in_day = ms % kDay;
  if (in_day < 0) {
    in_day += kDay;
    --days;
  }
  days += 719468;
  const long long era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  const long long year = static_cast<long long>(yoe) + era * 400 + (month <= 2);
  const auto clock = static_cast<unsigned>(in_day);
  std::string out = "0000-00-00T00:00:00.000Z";
  const auto put = [&out](std::size_t at, unsigned value, int digits) {
    for (int i = digits - 1; i >= 0; --i, value /= 10)
      out[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
  };
  put(0, static_cast<unsigned>(year < 0 ? 0 : year > 9999 ? 9999 : year), 4);
  put(5, month, 2);
  put(8, day, 2);
  put(11, clock / 3'600'000, 2);
  put(14, clock / 60'000 % 60, 2);
  put(17, clock / 1000 % 60, 2);
  put(20, clock % 1000, 3);
  return out;
}

// Accepts YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM) within the supported range.
std::optional<Timestamp> parse_rfc3339(std::string_view s) {
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':')
    return std::nullopt;
  int year, month, day, hour, minute, second;
  if (!parse_int(s.substr(0, 4), year) || !parse_int(s.substr(5, 2), month) || !parse_int(s.substr(8, 2), day) ||
      !parse_int(s.substr(11, 2), hour) || !parse_int(s.substr(14, 2), minute) || !parse_int(s.substr(17, 2), second))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  std::size_t i = 19;
  long long nanos = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    int digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (digits < 9) {
        nanos = nanos * 10 + (s[i] - '0');
        ++digits;
      }
      ++i;
    }
    if (digits == 0) return std::nullopt;
    for (; digits < 9; ++digits) nanos *= 10;
  }
  int offset_minutes = 0;
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
    ++i;
  } else if (i + 6 == s.size() && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':') {
    int oh, om;
    if (!parse_int(s.substr(i + 1, 2), oh) || !parse_int(s.substr(i + 4, 2), om)) return std::nullopt;
    offset_minutes = (oh * 60 + om) * (s[i] == '-' ? -1 : 1);
    i += 6;
  } else {
    return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  using namespace std::chrono;
  const year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                           std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  // Checked in whole seconds, which cannot overflow for any four-digit year, before the
  // nanoseconds of a Timestamp could.
  const sys_seconds utc = sys_days{ymd} + hours{hour} + minutes{minute} + seconds{second} - minutes{offset_minutes};
  if (utc < kEarliestTimestamp || utc >= kTimestampsEnd) return std::nullopt;
  return time_point_cast<system_clock::duration>(utc) + nanoseconds{nanos};
}

}  // namespace agora
