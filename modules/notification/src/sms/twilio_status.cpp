#include "sms/twilio_status.hpp"

#include <algorithm>

namespace agora::notification {
namespace {

constexpr std::size_t kMaxField = 64;

std::string param(const FormFields& params, std::string_view name) {
  const auto found = std::find_if(params.begin(), params.end(), [&](const auto& p) { return p.first == name; });
  return found == params.end() ? "" : found->second;
}

bool word(std::string_view text) {
  return !text.empty() && text.size() <= kMaxField && std::all_of(text.begin(), text.end(), [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

TwilioStatus read_twilio_status(const FormFields& params) {
  TwilioStatus out{param(params, "MessageSid"), param(params, "MessageStatus"), std::nullopt};
  std::vector<FieldError> problems;
  if (!word(out.message_sid)) problems.push_back({"MessageSid", "is a message's SID (SM...)"});
  if (!word(out.status)) problems.push_back({"MessageStatus", "is a message status such as delivered"});
  if (!problems.empty()) throw Error(ErrorKind::validation, "invalid status callback", std::move(problems));
  if (out.status == "delivered") {
    out.report = DeliveryReport{DeliveryReport::Outcome::delivered, ""};
  } else if (out.status == "undelivered" || out.status == "failed") {
    const auto code = param(params, "ErrorCode");
    out.report = DeliveryReport{
        DeliveryReport::Outcome::failed,
        "Twilio " + out.status +
            (word(code) ? ", error " + code + " (https://www.twilio.com/docs/errors/" + code + ")" : std::string())};
  }
  return out;
}

}  // namespace agora::notification
