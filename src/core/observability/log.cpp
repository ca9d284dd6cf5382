#include <agora/core/config.hpp>
#include <agora/core/log.hpp>

#include <boost/json/serialize.hpp>
#include <fmt/format.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace agora::log {
namespace {

// The pattern writes ts and level; write() appends msg and the fields, already JSON-escaped.
std::shared_ptr<spdlog::logger> make_logger() {
  auto logger = spdlog::stdout_logger_mt("agora");
  logger->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v})", spdlog::pattern_time_type::utc);
  // Flushing every line would cost a write() per request: flush warnings at once, the rest each second.
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
  std::string line = "\"msg\":" + boost::json::serialize(boost::json::string(msg));
  for (const auto& [key, value] : fields) {
    line += ",";
    line += boost::json::serialize(boost::json::string(key));
    line += ":";
    line += boost::json::serialize(value);
  }
  l.log(level, line);
}

// Appends s as a JSON string literal; runs of plain characters are copied whole.
void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  std::size_t plain = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    }
  }
  out.append(s.data() + plain, s.size() - plain);
  out.push_back('"');
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

void debug(std::string_view msg, boost::json::object fields) { write(spdlog::level::debug, msg, std::move(fields)); }
void info(std::string_view msg, boost::json::object fields) { write(spdlog::level::info, msg, std::move(fields)); }
void warn(std::string_view msg, boost::json::object fields) { write(spdlog::level::warn, msg, std::move(fields)); }
void error(std::string_view msg, boost::json::object fields) { write(spdlog::level::err, msg, std::move(fields)); }

void access(const AccessEntry& e) {
  auto& l = logger();
  if (!l.should_log(spdlog::level::info)) return;
  std::string line;
  line.reserve(256);
  line += R"("msg":"http_request","method":)";
  append_json_string(line, e.method);
  line += R"(,"path":)";
  append_json_string(line, e.path);
  line += R"(,"route":)";
  append_json_string(line, e.route);
  fmt::format_to(std::back_inserter(line), R"(,"status":{},"duration_ms":{:.3f},"request_id":)", e.status,
                 e.duration_ms);
  append_json_string(line, e.request_id);
  line += R"(,"remote":)";
  append_json_string(line, e.remote);
  l.log(spdlog::level::info, line);
}

}  // namespace agora::log
