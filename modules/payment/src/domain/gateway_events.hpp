#pragma once
// What a gateway tells us on its own (Stripe's and PayPal's webhooks), in terms every adapter maps
// its events to, and what such an event makes of a payment. Pure: the caller reads the payment under
// a row lock, applies the rule and stores what it returns. Events may come late, twice or out of
// order: one that describes a state the payment is past changes nothing.
#include "domain/transitions.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace agora::payment {

struct GatewayEvent {
  enum class Kind {
    approved,        // the buyer approved at the gateway: the authorization can be completed (PayPal)
    authorized,      // the amount is held (Stripe: the buyer completed 3-D Secure)
    captured,        // `amount` was taken
    capture_denied,  // a capture thought made (PayPal's pending one) took nothing: `code`
    failed,          // the authorization cannot be made: `code`, `message`
    voided,          // the authorization was cancelled
    refunded,        // `amount` given back in all, the latest refund `refund_id`
  };
  Kind kind = Kind::authorized;
  // The gateway's id of the payment (Stripe's PaymentIntent; PayPal's order before it is authorized,
  // its authorization after), "" when the event does not name it.
  std::string reference;
  // The order the gateway was told of (Stripe's metadata, PayPal's custom_id), "" when none.
  std::string order_id;
  std::int64_t amount = 0;  // captured: received; refunded: refunded in all
  std::string code;
  std::string message;
  std::string refund_id;
};

// A webhook event as a gateway sent it, read: its id (what a repeated delivery is known by), its type,
// and what it means for a payment (nullopt for a type that moves none, or one that does not apply).
struct ReceivedEvent {
  std::string id;
  std::string type;
  std::optional<GatewayEvent> meaning;
};

// What an event made of a payment.
struct Heard {
  enum class Verdict {
    applied,  // `change` is to be saved
    stale,    // the payment is past what the event describes, or it does not concern it: nothing changes
    wait,     // a call of ours is out: its answer comes first, then the event is heard again
  };
  Verdict verdict = Verdict::stale;
  Change change;
  // Applied one step of the event (a capture heard while the buyer was still to act is first the
  // authorization that must have come before it): the changed payment hears the event again.
  bool again = false;
  std::optional<std::string> attention;  // why an operator should look (logged as an error)
};

Heard on_gateway_event(const Payment& p, const GatewayEvent& e, Timestamp now);

}  // namespace agora::payment
