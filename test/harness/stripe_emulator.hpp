#pragma once
// The Stripe emulator (test/stripe/emulator.mjs, installed by `npm ci` in test/stripe) on a free
// loopback port for one test: the [payment] keys that pay through it, what it counts (per order: what
// a test asserts "charged at most once" by), failures and hangs on demand, a buyer's 3-D Secure, and
// the events it recorded, signed by Stripe's own library.
#include "harness/node_emulator.hpp"

#include <map>
#include <optional>
#include <string>

namespace agora::test {

inline const std::string kStripeKey = "sk_test_agora";
inline const std::string kWebhookSecret = "whsec_agora_tests";
inline const std::string kStripeWebhookPath = "/api/v1/payments/webhooks/stripe";

// An event as the emulator signed it: the body and its Stripe-Signature header.
struct SignedEvent {
  std::string id;
  std::string payload;
  std::string signature;
};

class StripeEmulator {
 public:
  StripeEmulator()
      : node_("stripe", {{"STRIPE_SECRET_KEY", kStripeKey}, {"STRIPE_WEBHOOK_SECRET", kWebhookSecret}}, "stripe") {}

  std::string url() const { return node_.url(); }

  // The [payment] keys that make an app pay through the emulator (and the sandbox), with `more`.
  std::map<std::string, std::string> config(std::map<std::string, std::string> more = {}) const {
    more.emplace("payment.gateways", "sandbox,stripe");
    more.emplace("payment.stripe_base_url", url());
    more.emplace("payment.stripe_secret_key", kStripeKey);
    more.emplace("payment.stripe_webhook_secret", kWebhookSecret);
    more.emplace("payment.stripe_timeout_ms", "5000");
    return more;
  }

  // What Stripe did, as the emulator counts it: intents_created, authorized, captured, cancelled,
  // refunded, amount_captured, amount_refunded; of one order, or of all.
  std::int64_t counted(const std::string& what, const std::string& order_id = "") {
    const auto state = node_.get("/_emulator/state");
    const auto& counts = order_id.empty() ? state.at("counts") : state.at("orders").at(order_id);
    return counts.at(what).as_int64();
  }
  // Requests made with the Idempotency-Key, whatever they were answered.
  std::int64_t requests_with(const std::string& key) {
    const auto* n = node_.get("/_emulator/state").at("requests_by_key").as_object().if_contains(key);
    return n ? n->as_int64() : 0;
  }

  // The next `n` API requests answer `status` before Stripe does anything (nothing is saved).
  void fail_next(int n, int status = 500) { node_.post("/_emulator/fail", {{"count", n}, {"status", status}}); }
  // The next `n` API requests are done (and saved for their key) but never answered.
  void hang_next(int n) { node_.post("/_emulator/hang", {{"count", n}}); }
  // The buyer at the 3-D Secure page of the intent: passes (the amount is held) or fails.
  void authenticate(const std::string& intent, bool passes = true) {
    node_.post("/_emulator/intents/" + intent + "/authenticate", {{"passes", passes}});
  }
  // A call to Stripe's API as anyone with the key makes it (the dashboard, another program).
  HttpResult stripe_api(const std::string& path, const std::string& form_body, const std::string& key = "") {
    std::map<std::string, std::string> headers{{"Authorization", "Bearer " + kStripeKey},
                                               {"Stripe-Version", "2024-06-20"},
                                               {"Content-Type", "application/x-www-form-urlencoded"}};
    if (!key.empty()) headers.emplace("Idempotency-Key", key);
    return node_.client().request("POST", path, form_body, headers);
  }

  // The id of the latest event of `type` about `object`: an intent (a charge's events name theirs),
  // or the order in its metadata.
  std::string event_id(const std::string& type, const std::string& object) {
    return latest(type, object).at("id").as_string().c_str();
  }
  // The intent Stripe made for the order.
  std::string intent_of(const std::string& order_id) {
    return latest("payment_intent.created", order_id).at("object").as_string().c_str();
  }
  // The event signed now (or at `timestamp`, in seconds) with the app's secret (or `secret`).
  SignedEvent sign(const std::string& event_id, std::optional<std::string> secret = std::nullopt,
                   std::optional<std::int64_t> timestamp = std::nullopt) {
    boost::json::object options;
    if (secret) options["secret"] = *secret;
    if (timestamp) options["timestamp"] = *timestamp;
    const auto signed_event = node_.post("/_emulator/events/" + event_id + "/send", options);
    return {event_id, std::string(signed_event.at("payload").as_string()),
            std::string(signed_event.at("signature").as_string())};
  }
  // The event sent by the emulator to `url`, signed now: the status it was answered.
  std::int64_t deliver(const std::string& event_id, const std::string& url) {
    return node_.post("/_emulator/events/" + event_id + "/send", {{"url", url}}).at("delivery").at("status").as_int64();
  }

 private:
  boost::json::value latest(const std::string& type, const std::string& object) {
    const auto found = node_.get("/_emulator/events?type=" + type + "&object=" + object);
    const auto& data = found.at("data").as_array();
    REQUIRE_FALSE(data.empty());
    return data.back();
  }

  NodeEmulator node_;
};

}  // namespace agora::test
