#include "push/push_channel.hpp"

#include <agora/core/json_text.hpp>
#include <agora/core/log.hpp>
#include <boost/json/parse.hpp>

namespace agora::notification {
namespace {

using Outcome = Delivery::Outcome;
using Kind = FcmResult::Kind;

// Names beyond this many are counted, not listed.
constexpr std::size_t kNamesListed = 5;

// What the app is handed with the notification: which message it is, and the template's plain values
// (FCM takes strings only, and 4 KB in all: lists and objects stay out).
std::vector<std::pair<std::string, std::string>> data_of(const Message& m) {
  std::vector<std::pair<std::string, std::string>> data{{"message_id", m.id}, {"template", m.template_name}};
  boost::system::error_code error;
  const auto values = boost::json::parse(m.data, error);
  if (error || !values.is_object()) return data;
  for (const auto& [key, value] : values.get_object()) {
    // FCM refuses these keys in data.
    if (key == "from" || key == "notification" || key == "message_type" || key.starts_with("google") ||
        key.starts_with("gcm") || key == "message_id" || key == "template")
      continue;
    if (value.is_string())
      data.emplace_back(key, value.get_string());
    else if (value.is_number() || value.is_bool())
      data.emplace_back(key, json_text::serialize(value));
  }
  return data;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

}  // namespace

std::string provider_id_of(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < kNamesListed; ++i)
    out += i == 0 ? names[i] : "," + names[i].substr(names[i].rfind('/') + 1);
  if (names.size() > kNamesListed) out += " (+" + std::to_string(names.size() - kNamesListed) + " more)";
  return out;
}

PushChannel::PushChannel(const PushOptions& options, Devices& devices, outbound::Destination& oauth,
                         outbound::Destination& fcm, const Clock& clock)
    : devices_(devices),
      account_(read_service_account(options.service_account)),
      tokens_(account_, oauth, clock, options.timeout),
      fcm_(options.api_base_url, account_.project_id, fcm, tokens_, options.timeout) {}

Delivery PushChannel::send(const Message& m, const Rendered& r, Timestamp) {
  const auto devices = devices_.list(m.recipient);
  if (devices.empty()) return {Outcome::permanent_failure, "", "the user has no device for push messages"};
  const FcmMessage message{.title = r.subject, .body = r.text, .data = data_of(m)};
  std::vector<std::string> names, temporary, permanent;
  for (const auto& device : devices) {
    FcmResult result;
    try {
      result = fcm_.send(device.token, message);
    } catch (const std::exception& e) {  // no access token: no device can be sent to now
      temporary.push_back(log::describe(e));
      break;
    }
    const auto why = device.platform + " device: " + result.detail;
    switch (result.kind) {
      case Kind::accepted:
        names.push_back(result.detail);
        break;
      case Kind::token_gone:
        permanent.push_back(why);
        try {
          devices_.forget(device.token);
        } catch (const std::exception& e) {  // the token is tried again next time, and removed then
          log::warn("notification: a device token FCM no longer takes could not be removed",
                    {{"error", log::describe(e)}});
        }
        break;
      case Kind::temporary:
        temporary.push_back(why);
        break;
      case Kind::permanent:
        permanent.push_back(why);
        break;
    }
  }
  if (!names.empty()) {
    if (!temporary.empty() || !permanent.empty()) {
      auto errors = temporary;
      errors.insert(errors.end(), permanent.begin(), permanent.end());
      log::warn("notification: a push message did not reach every device of its user",
                {{"message_id", m.id}, {"errors", joined(errors)}});
    }
    return {Outcome::sent, provider_id_of(names), ""};
  }
  if (!temporary.empty()) return {Outcome::temporary_failure, "", "FCM: " + joined(temporary)};
  return {Outcome::permanent_failure, "", "no device took the message: " + joined(permanent)};
}

}  // namespace agora::notification
