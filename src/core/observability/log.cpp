#include "observability/json_line_formatter.hpp"

#include <agora/core/config.hpp>
#include <agora/core/json_text.hpp>
#include <agora/core/log.hpp>
#include <agora/core/utf8.hpp>

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <iostream>

namespace agora::log {
namespace {

// The formatter writes ts and level; write() appends msg and the fields, already JSON-escaped.
// spdlog's stdout sink flushes after every line, a write() per request: this sink leaves lines in
// stdout's buffer (std::cout writes through to it), flushed when full, at once for warnings, each
// second, by flush() when the App stops, and at exit.
std::shared_ptr<spdlog::logger> make_logger() {
  auto logger = std::make_shared<spdlog::logger>("agora", std::make_shared<spdlog::sinks::ostream_sink_mt>(std::cout));
  spdlog::register_logger(logger);  // flush_every flushes registered loggers
  logger->set_formatter(std::make_unique<JsonLineFormatter>());
  logger->flush_on(spdlog::level::warn);
  spdlog::flush_every(std::chrono::seconds(1));
  return logger;
}

spdlog::logger& logger() {
  static std::shared_ptr<spdlog::logger> instance = make_logger();
  return *instance;
}

void write(spdlog::level::level_enum level, std::string_view msg, boost::json::object fields) {
  auto& l = logger();
  if (!l.should_log(level)) return;
  // Messages and fields may quote a client's text: invalid UTF-8 would make the line invalid JSON.
  std::string line = "\"msg\":";
  json_text::append_string(line, to_valid_utf8(msg));
  for (auto& [key, value] : fields) {
    line += ",";
    json_text::append_string(line, key);
    line += ":";
    if (auto* text = value.if_string(); text && !is_valid_utf8(*text)) *text = to_valid_utf8(*text);
    json_text::append_value(line, value);
  }
  l.log(level, line);
}

// Appends units / 10^decimals with exactly `decimals` digits after the point: fixed-point text
// without a floating-point formatter, which would cost more than the rest of the access line.
void append_fixed(std::string& out, std::uint64_t units, std::size_t decimals) {
  char digits[24];
  const auto size = static_cast<std::size_t>(std::to_chars(digits, digits + sizeof digits, units).ptr - digits);
  if (decimals == 0) return void(out.append(digits, size));
  const std::size_t whole = size > decimals ? size - decimals : 0;
  if (whole == 0) out.push_back('0');
  out.append(digits, whole);
  out.push_back('.');
  out.append(decimals - (size - whole), '0');
  out.append(digits + whole, size - whole);
}

}  // namespace

void init(std::string_view level) {
  const auto parsed = spdlog::level::from_str(std::string(level));
  // from_str answers "off" for anything it does not know: only accept "off" when asked for.
  if (parsed == spdlog::level::off && level != "off")
    throw ConfigError("config key log.level: expected trace, debug, info, warn, error or off, got '" +
                      std::string(level) + "'");
  logger().set_level(parsed);
}

void flush() { logger().flush(); }

std::string describe(const std::exception& e) {
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e))
    return "database error, SQLSTATE " + pg->sqlstate();
  if (dynamic_cast<const soci::soci_error*>(&e)) return "database error";
  return e.what();
}

void debug(std::string_view msg, boost::json::object fields) { write(spdlog::level::debug, msg, std::move(fields)); }
void info(std::string_view msg, boost::json::object fields) { write(spdlog::level::info, msg, std::move(fields)); }
void warn(std::string_view msg, boost::json::object fields) { write(spdlog::level::warn, msg, std::move(fields)); }
void error(std::string_view msg, boost::json::object fields) { write(spdlog::level::err, msg, std::move(fields)); }

void access(const AccessEntry& e) {
  auto& l = logger();
  if (!l.should_log(spdlog::level::info)) return;
  thread_local std::string line;  // reused: a line per request should not cost an allocation
  line.clear();
  // The method is an HTTP token and the remote address an IP address: neither needs escaping.
  line += R"("msg":"http_request","method":")";
  line += e.method;
  line += '"';
  line += R"(,"path":)";
  // The router hands over valid UTF-8 paths only; anything else is written as U+FFFD, not raw.
  if (is_valid_utf8(e.path))
    json_text::append_string(line, e.path);
  else
    json_text::append_string(line, to_valid_utf8(e.path));
  line += R"(,"route":)";
  json_text::append_string(line, e.route);
  line += R"(,"status":)";
  append_fixed(line, e.status, 0);
  line += R"(,"duration_ms":)";
  append_fixed(line, static_cast<std::uint64_t>(std::llround(std::max(0.0, e.duration_ms) * 1000.0)), 3);
  line += R"(,"request_id":)";
  json_text::append_string(line, e.request_id);
  line += R"(,"remote":")";
  line += e.remote;
  line += '"';
  l.log(spdlog::level::info, std::string_view(line));
}

}  // namespace agora::log
