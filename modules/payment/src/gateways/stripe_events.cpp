#include "gateways/stripe_events.hpp"

#include <agora/core/error.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace agora::payment {
namespace {

using Kind = GatewayEvent::Kind;

const boost::json::value* at(const boost::json::value& v, std::string_view key) {
  const auto* o = v.if_object();
  return o ? o->if_contains(key) : nullptr;
}

std::string text(const boost::json::value* v) {
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::int64_t integer(const boost::json::value* v) { return v && v->is_int64() ? v->get_int64() : 0; }

std::optional<Kind> kind_of(std::string_view type) {
  if (type == "payment_intent.amount_capturable_updated") return Kind::authorized;
  if (type == "payment_intent.succeeded") return Kind::captured;
  if (type == "payment_intent.payment_failed") return Kind::failed;
  if (type == "payment_intent.canceled") return Kind::voided;
  if (type == "charge.refunded") return Kind::refunded;
  return std::nullopt;
}

// The latest refund a charge lists (Stripe lists them only when asked to expand them).
std::string latest_refund(const boost::json::value& charge) {
  const auto* refunds = at(charge, "refunds");
  const auto* data = refunds ? at(*refunds, "data") : nullptr;
  if (!data || !data->is_array() || data->get_array().empty()) return {};
  return text(at(data->get_array().front(), "id"));
}

std::optional<GatewayEvent> meaning_of(Kind kind, const boost::json::value& object, const std::string& event_id) {
  GatewayEvent e;
  e.kind = kind;
  const auto* metadata = at(object, "metadata");
  e.order_id = metadata ? text(at(*metadata, "order_id")) : "";
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
      if (error) {
        e.code = text(at(*error, "decline_code"));
        if (e.code.empty()) e.code = text(at(*error, "code"));
        e.message = text(at(*error, "message"));
      }
      break;
    }
    case Kind::voided:
      break;
    case Kind::refunded: {
      const auto* captured = at(object, "captured");
      if (!captured || !captured->is_bool() || !captured->get_bool()) return std::nullopt;
      e.reference = text(at(object, "payment_intent"));
      e.amount = integer(at(object, "amount_refunded"));
      e.refund_id = latest_refund(object);
      if (e.refund_id.empty()) e.refund_id = event_id;
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
  ReceivedEvent out{text(at(json, "id")), text(at(json, "type")), std::nullopt};
  if (out.id.empty() || out.type.empty()) throw Error(ErrorKind::bad_request, "the body is not a Stripe event");
  const auto kind = kind_of(out.type);
  const auto* data = at(json, "data");
  const auto* object = data ? at(*data, "object") : nullptr;
  if (kind && object) out.meaning = meaning_of(*kind, *object, out.id);
  return out;
}

}  // namespace agora::payment
