#pragma once
// JSON logs on stdout: one object per line with ts, level, msg and the given fields.
#include <boost/json/object.hpp>
#include <exception>
#include <string>
#include <string_view>

namespace agora::log {

void init(std::string_view level);  // trace|debug|info|warn|error|off; throws ConfigError otherwise
void flush();                       // writes out buffered lines (below warn they wait up to a second)

// An exception as a log line may quote it: what() but for a database error, which is named by its
// SQLSTATE alone (SOCI's message quotes the statement with its bound values, a customer's data).
std::string describe(const std::exception& e);

void debug(std::string_view msg, boost::json::object fields = {});
void info(std::string_view msg, boost::json::object fields = {});
void warn(std::string_view msg, boost::json::object fields = {});
void error(std::string_view msg, boost::json::object fields = {});

// One "http_request" line per request, formatted straight into the log line: it is on every
// request's path, so it skips building a JSON object when the line is written and all work when not.
struct AccessEntry {
  std::string_view method;  // an HTTP token, written unescaped like remote (an IP address)
  std::string_view path;
  std::string_view route;
  unsigned status;
  double duration_ms;
  std::string_view request_id;
  std::string_view remote;
};
void access(const AccessEntry& entry);

}  // namespace agora::log
