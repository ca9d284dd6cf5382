#pragma once
// JSON logs on stdout: one object per line with ts, level, msg and the given fields.
#include <boost/json/object.hpp>
#include <string_view>

namespace agora::log {

void init(std::string_view level);  // trace|debug|info|warn|error|off; throws ConfigError otherwise

void debug(std::string_view msg, boost::json::object fields = {});
void info(std::string_view msg, boost::json::object fields = {});
void warn(std::string_view msg, boost::json::object fields = {});
void error(std::string_view msg, boost::json::object fields = {});

}  // namespace agora::log
