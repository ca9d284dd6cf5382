#include "observability/json_line_formatter.hpp"

#include <fmt/format.h>

#include <cstring>
#include <ctime>

namespace agora::log {

void JsonLineFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  using namespace std::chrono;
  const auto since_epoch = msg.time.time_since_epoch();
  const auto second = duration_cast<seconds>(since_epoch);
  if (second != cached_second_) {
    const std::time_t t = second.count();
    std::tm tm{};
    gmtime_r(&t, &tm);
    const auto end =
        fmt::format_to_n(cached_prefix_, sizeof cached_prefix_, R"({{"ts":"{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.)",
                         tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    cached_prefix_size_ = end.size;
    cached_second_ = second;
  }
  const auto ms = static_cast<unsigned>(duration_cast<milliseconds>(since_epoch - second).count());
  const char millis[3] = {static_cast<char>('0' + ms / 100), static_cast<char>('0' + ms / 10 % 10),
                          static_cast<char>('0' + ms % 10)};
  const auto level = spdlog::level::to_string_view(msg.level);
  const std::string_view parts[] = {{cached_prefix_, cached_prefix_size_},
                                    {millis, sizeof millis},
                                    R"(Z","level":")",
                                    {level.data(), level.size()},
                                    R"(",)",
                                    {msg.payload.data(), msg.payload.size()},
                                    "}\n"};
  // One resize and plain copies: appending part by part costs a capacity check and a loop each.
  const std::size_t start = dest.size();
  std::size_t size = start;
  for (const auto part : parts) size += part.size();
  dest.resize(size);
  char* out = dest.data() + start;
  for (const auto part : parts) {
    std::memcpy(out, part.data(), part.size());
    out += part.size();
  }
}

std::unique_ptr<spdlog::formatter> JsonLineFormatter::clone() const { return std::make_unique<JsonLineFormatter>(); }

}  // namespace agora::log
