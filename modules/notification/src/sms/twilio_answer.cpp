#include "sms/twilio_answer.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <string>

namespace agora::notification {
namespace {

using Outcome = Delivery::Outcome;

// A member of Twilio's JSON object as text ("" when absent); codes are numbers, other fields strings.
std::string member(const boost::json::value& v, std::string_view key) {
  const auto* o = v.if_object();
  const auto* m = o ? o->if_contains(key) : nullptr;
  if (!m) return "";
  if (m->is_string()) return std::string(m->get_string());
  if (m->is_int64()) return std::to_string(m->get_int64());
  return "";
}

boost::json::value parsed(std::string_view body) {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  return ec ? boost::json::value() : v;
}

std::string failure_text(long status, const boost::json::value& error) {
  auto text = "Twilio " + std::to_string(status);
  if (const auto code = member(error, "code"); !code.empty()) text += ", error " + code;
  if (const auto message = member(error, "message"); !message.empty()) text += ": " + message;
  if (const auto more = member(error, "more_info"); !more.empty()) text += " (" + more + ")";
  return text;
}

}  // namespace

Delivery twilio_answer(long status, std::string_view body) {
  const auto json = parsed(body);
  if (status >= 200 && status < 300) {
    // Taken, whatever else the answer holds: sending it again would send it twice.
    return {Outcome::sent, member(json, "sid"), ""};
  }
  const auto temporary = status == 429 || status >= 500;
  return {temporary ? Outcome::temporary_failure : Outcome::permanent_failure, "", failure_text(status, json)};
}

}  // namespace agora::notification
