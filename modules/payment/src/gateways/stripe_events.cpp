#include "gateways/stripe_events.hpp"

#include "gateways/json_reading.hpp"

#include <agora/core/error.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace agora::payment {
namespace {

using namespace json_reading;
using Kind = GatewayEvent::Kind;

std::optional<Kind> kind_of(std::string_view type) {
  if (type == "payment_intent.amount_capturable_updated") return Kind::authorized;
  if (type == "payment_intent.succeeded") return Kind::captured;
  if (type == "payment_intent.payment_failed") return Kind::failed;
  if (type == "payment_intent.canceled") return Kind::voided;
  if (type == "charge.refunded") return Kind::refunded;
  return std::nullopt;
}

// The latest refund a charge lists (Stripe lists them only when asked to expand them).
std::string latest_refund(const boost::json::value* charge) {
  return text(at(item(at(at(charge, "refunds"), "data"), 0), "id"));
}

std::optional<GatewayEvent> meaning_of(Kind kind, const boost::json::value* object, const std::string& event_id) {
  GatewayEvent e;
  e.kind = kind;
  e.order_id = text(at(at(object, "metadata"), "order_id"));
  switch (kind) {
    case Kind::authorized:
      // Also sent when the capturable amount drops to 0 (the intent was captured or cancelled).
      if (text(at(object, "status")) != "requires_capture") return std::nullopt;
      break;
    case Kind::captured:
      e.amount = integer(at(object, "amount_received"));
      break;
    case Kind::failed: {
      const auto* error = at(object, "last_payment_error");
      e.code = first_of(text(at(error, "decline_code")), text(at(error, "code")));
      e.message = text(at(error, "message"));
      break;
    }
    case Kind::voided:
      break;
    case Kind::approved:        // PayPal's
    case Kind::capture_denied:  // PayPal's
      return std::nullopt;
    case Kind::refunded: {
      const auto* captured = at(object, "captured");
      if (!captured || !captured->is_bool() || !captured->get_bool()) return std::nullopt;
      e.reference = text(at(object, "payment_intent"));
      e.amount = integer(at(object, "amount_refunded"));
      e.refund_id = first_of(latest_refund(object), event_id);
      return e;
    }
  }
  e.reference = text(at(object, "id"));
  return e;
}

}  // namespace

ReceivedEvent read_stripe_event(std::string_view body) {
  boost::system::error_code error;
  const auto json = boost::json::parse(body, error);
  if (error) throw Error(ErrorKind::bad_request, "the body is not JSON");
  ReceivedEvent out{text(at(&json, "id")), text(at(&json, "type")), std::nullopt};
  if (out.id.empty() || out.type.empty()) throw Error(ErrorKind::bad_request, "the body is not a Stripe event");
  const auto kind = kind_of(out.type);
  const auto* object = at(at(&json, "data"), "object");
  if (kind && object) out.meaning = meaning_of(*kind, object, out.id);
  return out;
}

}  // namespace agora::payment
