#pragma once
// Events the payment module publishes on topic payment.events, one struct each (see TypedEvent in
// agora/core/events.hpp), key = payment id. Each is written in the transaction that records the
// gateway's answer. A field is only ever added to a version; a change of meaning is a new version.
// The README's event tables are made from this file by scripts/event_docs.py.
#include <agora/core/event_json.hpp>

namespace agora::payment::events {

using agora::event_json::tag_invoke;

inline constexpr std::string_view kTopic = "payment.events";

// The gateway holds `amount` for the order: it can be captured (or voided).
struct Authorized {
  static constexpr EventName kName{kTopic, "payment.authorized", 1};
  std::string payment_id;
  std::string order_id;
  std::string gateway;
  std::int64_t amount = 0;
  std::string currency;
  std::string key() const { return payment_id; }
};
BOOST_DESCRIBE_STRUCT(Authorized, (), (payment_id, order_id, gateway, amount, currency))

// The buyer must act (3-D Secure, a PayPal approval) before the gateway authorizes: at `url`.
struct ActionRequired {
  static constexpr EventName kName{kTopic, "payment.requires_action", 1};
  std::string payment_id;
  std::string order_id;
  std::string action;  // redirect
  std::string url;
  std::string key() const { return payment_id; }
};
BOOST_DESCRIBE_STRUCT(ActionRequired, (), (payment_id, order_id, action, url))

// Captured: the money is the shop's.
struct Succeeded {
  static constexpr EventName kName{kTopic, "payment.succeeded", 1};
  std::string payment_id;
  std::string order_id;
  std::int64_t amount = 0;
  std::string currency;
  std::string key() const { return payment_id; }
};
BOOST_DESCRIBE_STRUCT(Succeeded, (), (payment_id, order_id, amount, currency))

// The payment cannot be made: declined, or the gateway could not be reached in time. Nothing is held.
struct Failed {
  static constexpr EventName kName{kTopic, "payment.failed", 1};
  std::string payment_id;
  std::string order_id;
  std::string code;     // card_declined, insufficient_funds, gateway_unavailable, ...
  std::string message;  // the gateway's words, for the buyer
  std::string key() const { return payment_id; }
};
BOOST_DESCRIBE_STRUCT(Failed, (), (payment_id, order_id, code, message))

// An authorization given back before capture: nothing was charged.
struct Voided {
  static constexpr EventName kName{kTopic, "payment.voided", 1};
  std::string payment_id;
  std::string order_id;
  std::string key() const { return payment_id; }
};
BOOST_DESCRIBE_STRUCT(Voided, (), (payment_id, order_id))

// Money given back of a capture: `amount` now, `refunded_total` in all.
struct Refunded {
  static constexpr EventName kName{kTopic, "payment.refunded", 1};
  std::string payment_id;
  std::string order_id;
  std::string refund_id;
  std::int64_t amount = 0;
  std::int64_t refunded_total = 0;
  std::string currency;
  std::string key() const { return payment_id; }
};
BOOST_DESCRIBE_STRUCT(Refunded, (), (payment_id, order_id, refund_id, amount, refunded_total, currency))

}  // namespace agora::payment::events
