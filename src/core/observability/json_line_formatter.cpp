#include "observability/json_line_formatter.hpp"

#include <fmt/format.h>

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
    const auto end = fmt::format_to_n(cached_prefix_, sizeof cached_prefix_, R"({{"ts":"{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.)",
                                      tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    cached_prefix_size_ = end.size;
    cached_second_ = second;
  }
  const auto ms = static_cast<unsigned>(duration_cast<milliseconds>(since_epoch - second).count());
  const char millis[3] = {static_cast<char>('0' + ms / 100), static_cast<char>('0' + ms / 10 % 10),
                          static_cast<char>('0' + ms % 10)};
  const auto put = [&dest](std::string_view s) { dest.append(s.data(), s.data() + s.size()); };
  put({cached_prefix_, cached_prefix_size_});
  put({millis, sizeof millis});
  put(R"(Z","level":")");
  const auto level = spdlog::level::to_string_view(msg.level);
  put({level.data(), level.size()});
  put(R"(",)");
  put({msg.payload.data(), msg.payload.size()});
  put("}\n");
}

std::unique_ptr<spdlog::formatter> JsonLineFormatter::clone() const { return std::make_unique<JsonLineFormatter>(); }

}  // namespace agora::log
