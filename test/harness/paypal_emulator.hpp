#pragma once
// The PayPal emulator (test/paypal/emulator.mjs, plain Node.js) on a free loopback port for one test:
// the [payment] keys that pay through it, what it counts (per order: what a test asserts "authorized
// at most once" by), the tokens it issued, failures and hangs on demand, the buyer at PayPal's
// approval page, and the events it recorded, delivered with PayPal's transmission headers that its
// verify-webhook-signature recognizes.
#include "harness/node_emulator.hpp"

#include <map>
#include <string>

namespace agora::test {

inline const std::string kPaypalClientId = "agora-tests-client";
inline const std::string kPaypalClientSecret = "agora-tests-secret";
inline const std::string kPaypalWebhookId = "WH-AGORA-TESTS";
inline const std::string kPaypalWebhookPath = "/api/v1/payments/webhooks/paypal";

// A delivery as the emulator made it: the body and its transmission headers (PAYPAL-TRANSMISSION-ID, ...).
struct PaypalDelivery {
  std::string payload;
  std::map<std::string, std::string> headers;
};

class PaypalEmulator {
 public:
  PaypalEmulator()
      : node_("paypal", {{"PAYPAL_CLIENT_ID", kPaypalClientId},
                         {"PAYPAL_CLIENT_SECRET", kPaypalClientSecret},
                         {"PAYPAL_WEBHOOK_ID", kPaypalWebhookId}}) {}

  std::string url() const { return node_.url(); }

  // The [payment] keys that make an app pay through the emulator (and the sandbox), with `more`.
  std::map<std::string, std::string> config(std::map<std::string, std::string> more = {}) const {
    more.emplace("payment.gateways", "sandbox,paypal");
    more.emplace("payment.paypal_base_url", url());
    more.emplace("payment.paypal_client_id", kPaypalClientId);
    more.emplace("payment.paypal_client_secret", kPaypalClientSecret);
    more.emplace("payment.paypal_webhook_id", kPaypalWebhookId);
    more.emplace("payment.paypal_timeout_ms", "5000");
    return more;
  }

  // What PayPal did, as the emulator counts it: orders_created, authorized, captured, voided, refunded,
  // amount_captured, amount_refunded (minor units); of one of our orders, or of all.
  std::int64_t counted(const std::string& what, const std::string& order_id = "") {
    const auto state = node_.get("/_emulator/state");
    const auto& counts = order_id.empty() ? state.at("counts") : state.at("orders").at(order_id);
    return counts.at(what).as_int64();
  }
  // Requests made with the PayPal-Request-Id, whatever they were answered.
  std::int64_t requests_with(const std::string& request_id) {
    const auto* n = node_.get("/_emulator/state").at("requests_by_id").as_object().if_contains(request_id);
    return n ? n->as_int64() : 0;
  }
  std::int64_t tokens_issued() { return node_.get("/_emulator/state").at("tokens_issued").as_int64(); }
  std::int64_t verifications() { return node_.get("/_emulator/state").at("verifications").as_int64(); }
  // PayPal's order made for our order.
  std::string paypal_order(const std::string& order_id) {
    return std::string(node_.get("/_emulator/state").at("paypal_orders").at(order_id).as_string());
  }

  // The next `n` API requests answer `status` before PayPal does anything (nothing is kept).
  void fail_next(int n, int status = 500) { node_.post("/_emulator/fail", {{"count", n}, {"status", status}}); }
  // The next `n` API requests are done (and kept for their PayPal-Request-Id) but never answered.
  void hang_next(int n) { node_.post("/_emulator/hang", {{"count", n}}); }
  // Every token issued so far is refused from now on (401), as after it expired.
  void expire_tokens() { node_.post("/_emulator/tokens/expire"); }
  // The next `n` captures are PENDING (PayPal reviews them) instead of COMPLETED.
  void pend_next_captures(int n) { node_.post("/_emulator/captures/pending", {{"count", n}}); }
  // PayPal's review of a pending capture denies it (PAYMENT.CAPTURE.DENIED).
  void deny_capture(const std::string& capture_id) { node_.post("/_emulator/captures/" + capture_id + "/deny"); }
  // The buyer at PayPal's page approves the order; with `decline`, with a funding source the bank
  // declines on authorization with that issue (INSTRUMENT_DECLINED, ...).
  void approve(const std::string& paypal_order, const std::string& decline = "") {
    boost::json::object body;
    if (!decline.empty()) body["decline"] = decline;
    node_.post("/_emulator/orders/" + paypal_order + "/approve", body);
  }
  // The buyer cancels at PayPal's page (and is sent back to the shop).
  void cancel(const std::string& paypal_order) { node_.post("/_emulator/orders/" + paypal_order + "/cancel"); }

  // The id of the latest event of `type` about `object`: our order id, PayPal's order, authorization
  // or capture.
  std::string event_id(const std::string& type, const std::string& object) {
    const auto found = node_.get("/_emulator/events?type=" + type + "&about=" + object);
    const auto& data = found.at("data").as_array();
    REQUIRE_FALSE(data.empty());
    return std::string(data.back().at("id").as_string());
  }
  // The event as PayPal would deliver it now, not sent: for a test to post, as it is or changed.
  PaypalDelivery delivery(const std::string& event_id) {
    const auto made = node_.post("/_emulator/events/" + event_id + "/send");
    PaypalDelivery out{std::string(made.at("payload").as_string()), {}};
    for (const auto& [name, value] : made.at("headers").as_object())
      out.headers.emplace(std::string(name), std::string(value.as_string()));
    return out;
  }
  // The event delivered by the emulator to `url`: the status it was answered.
  std::int64_t deliver(const std::string& event_id, const std::string& url) {
    return node_.post("/_emulator/events/" + event_id + "/send", {{"url", url}}).at("delivery").at("status").as_int64();
  }

 private:
  NodeEmulator node_;
};

}  // namespace agora::test
