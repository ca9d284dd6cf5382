#include "gateways/paypal_events.hpp"

#include "gateways/json_reading.hpp"
#include "gateways/paypal_amount.hpp"

#include <agora/core/error.hpp>
#include <boost/json/parse.hpp>

namespace agora::payment {
namespace {

using namespace json_reading;
using Kind = GatewayEvent::Kind;

std::optional<Kind> kind_of(std::string_view type) {
  if (type == "CHECKOUT.ORDER.APPROVED") return Kind::approved;
  if (type == "PAYMENT.AUTHORIZATION.CREATED") return Kind::authorized;
  if (type == "PAYMENT.AUTHORIZATION.VOIDED") return Kind::voided;
  if (type == "PAYMENT.CAPTURE.COMPLETED") return Kind::captured;
  if (type == "PAYMENT.CAPTURE.DENIED") return Kind::capture_denied;
  if (type == "PAYMENT.CAPTURE.REFUNDED") return Kind::refunded;
  return std::nullopt;
}

GatewayEvent meaning_of(Kind kind, const boost::json::value* resource) {
  GatewayEvent e;
  e.kind = kind;
  e.order_id = text(at(resource, "custom_id"));
  e.reference = text(at(resource, "id"));
  // A capture is named by the authorization it took, which is what the payment knows.
  const auto authorization = text(at(at(at(resource, "supplementary_data"), "related_ids"), "authorization_id"));
  switch (kind) {
    case Kind::approved: {
      const auto* unit = item(at(resource, "purchase_units"), 0);
      e.order_id = first_of(text(at(unit, "custom_id")), text(at(unit, "reference_id")));
      break;
    }
    case Kind::authorized:
    case Kind::voided:
    case Kind::failed:  // not PayPal's: an authorization it refuses is refused to our call
      break;
    case Kind::captured:
      e.reference = authorization;
      e.amount = read_paypal_amount(at(resource, "amount")).value_or(0);
      break;
    case Kind::capture_denied:
      e.reference = authorization;
      e.code = text(at(at(resource, "status_details"), "reason"));
      break;
    case Kind::refunded: {
      // The refund names neither the authorization nor the payment: our custom_id does. In all is the
      // capture's total refunded (this refund's amount when PayPal leaves the total out).
      e.refund_id = e.reference;
      e.reference.clear();
      const auto* breakdown = at(resource, "seller_payable_breakdown");
      e.amount = read_paypal_amount(at(breakdown, "total_refunded_amount"))
                     .value_or(read_paypal_amount(at(resource, "amount")).value_or(0));
      break;
    }
  }
  return e;
}

}  // namespace

ReceivedEvent read_paypal_event(std::string_view body) {
  boost::system::error_code error;
  const auto json = boost::json::parse(body, error);
  if (error) throw Error(ErrorKind::bad_request, "the body is not JSON");
  ReceivedEvent out{text(at(&json, "id")), text(at(&json, "event_type")), std::nullopt};
  if (out.id.empty() || out.type.empty()) throw Error(ErrorKind::bad_request, "the body is not a PayPal event");
  const auto kind = kind_of(out.type);
  const auto* resource = at(&json, "resource");
  if (kind && resource) out.meaning = meaning_of(*kind, resource);
  return out;
}

}  // namespace agora::payment
