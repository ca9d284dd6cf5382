#pragma once
// The Twilio emulator (test/twilio/emulator.mjs) on a free loopback port for one test: the
// [notification] keys that send SMS through it, the messages it took, failures and hangs on demand,
// and a message's status callback sent to the app as Twilio sends it.
#include "harness/node_emulator.hpp"

#include <map>
#include <string>
#include <vector>

namespace agora::notification::test {

inline const std::string kTwilioSid = "AC0123456789abcdef0123456789abcdef";
inline const std::string kTwilioToken = "twilio_test_auth_token";
inline const std::string kTwilioFrom = "+15005550006";
// The URL Twilio is given and signs: the shop's public address, not where the test's app listens.
inline const std::string kPublicCallbackUrl = "https://shop.example.com/api/v1/notifications/sms/status";

// A message as Twilio took it: the resource it answered and the form fields it was sent.
struct TakenSms {
  std::string sid;
  std::string to;
  std::string from;
  std::string body;
  std::string status_callback;
};

// A status callback as the app answered it.
struct CallbackAnswer {
  std::int64_t status = 0;
  std::string content_type;
  boost::json::value body;  // null when empty or not JSON
};

class TwilioEmulator {
 public:
  TwilioEmulator() : node_("twilio", {{"TWILIO_ACCOUNT_SID", kTwilioSid}, {"TWILIO_AUTH_TOKEN", kTwilioToken}}) {}

  // The [notification] keys that send SMS through the emulator, with `more`.
  std::map<std::string, std::string> config(std::map<std::string, std::string> more = {}) const {
    more.emplace("notification.sms.api_base_url", node_.url());
    more.emplace("notification.sms.account_sid", kTwilioSid);
    more.emplace("notification.sms.auth_token", kTwilioToken);
    more.emplace("notification.sms.from", kTwilioFrom);
    more.emplace("notification.sms.callback_url", kPublicCallbackUrl);
    more.emplace("notification.sms.timeout_ms", "2000");
    return more;
  }

  std::vector<TakenSms> taken() {
    std::vector<TakenSms> out;
    const auto state = node_.get("/_emulator/state");
    for (const auto& m : state.at("messages").as_array()) {
      const auto& params = m.at("params").as_object();
      const auto* callback = params.if_contains("StatusCallback");
      out.push_back({std::string(m.at("sid").as_string()), std::string(m.at("to").as_string()),
                     std::string(m.at("from").as_string()), std::string(m.at("body").as_string()),
                     callback ? std::string(callback->as_string()) : ""});
    }
    return out;
  }
  // Create requests made, whatever they were answered.
  std::int64_t requests() { return node_.get("/_emulator/state").at("requests").as_int64(); }

  // The next `n` create requests answer `status` with Twilio's error body, taking nothing.
  void fail_next(int n, int status) { node_.post("/_emulator/fail", {{"count", n}, {"status", status}}); }
  // The next `n` messages are taken and never answered.
  void hang_next(int n) { node_.post("/_emulator/hang", {{"count", n}}); }

  // Twilio's status callback of message `sid` in `status`, sent to `deliver_to` (the app's address)
  // and signed for its StatusCallback; `options` may add error_code, sign_with, tamper, unsigned.
  CallbackAnswer report(const std::string& sid, const std::string& status, const std::string& deliver_to,
                        boost::json::object options = {}) {
    options["status"] = status;
    options["deliver_to"] = deliver_to;
    const auto r = node_.post("/_emulator/messages/" + sid + "/status", options);
    CallbackAnswer out{r.at("status").as_int64(), "", nullptr};
    if (const auto& type = r.at("content_type"); type.is_string()) out.content_type = type.as_string();
    const auto& body = r.at("body").as_string();
    if (!body.empty()) {
      boost::system::error_code ec;
      out.body = boost::json::parse(body, ec);
    }
    return out;
  }

 private:
  agora::test::NodeEmulator node_;
};

}  // namespace agora::notification::test
