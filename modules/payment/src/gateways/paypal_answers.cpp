#include "gateways/paypal_answers.hpp"

#include "gateways/json_reading.hpp"

#include <boost/json/parse.hpp>

namespace agora::payment {
namespace {

using namespace json_reading;
using Outcome = Answer::Outcome;

Answer declined(std::string code, std::string message) {
  return {Outcome::declined, "", "", std::move(code), std::move(message)};
}

Answer unknown(std::string message) { return {Outcome::unknown, "", "", "", std::move(message)}; }

Answer unexpected(std::string_view object, const std::string& status) {
  return declined("unexpected_status", "PayPal answered " + std::string(object) + " in status " + status);
}

// Where the buyer approves: payer-action when the order was made with a payment_source, approve
// with the older application_context.
std::string approval_link(const boost::json::value* order) {
  const auto* links = at(order, "links");
  for (std::size_t i = 0; const auto* link = item(links, i); ++i) {
    const auto rel = text(at(link, "rel"));
    if (rel == "payer-action" || rel == "approve") return text(at(link, "href"));
  }
  return {};
}

// A capture, refund or authorization refused by its status: its status_details' reason, else the status.
Answer refused_by_status(const boost::json::value* object, const std::string& status) {
  return declined(first_of(text(at(at(object, "status_details"), "reason")), status),
                  "PayPal answered in status " + status);
}

Answer order_made(const boost::json::value* order, const std::string& id, const std::string& status) {
  if (status != "CREATED" && status != "PAYER_ACTION_REQUIRED") return unexpected("an order", status);
  const auto url = approval_link(order);
  if (url.empty()) return unexpected("an order without a link for the buyer", status);
  return {Outcome::requires_action, id, url};
}

Answer order_authorized(const boost::json::value* order) {
  const auto* authorization = item(at(at(item(at(order, "purchase_units"), 0), "payments"), "authorizations"), 0);
  const auto id = text(at(authorization, "id"));
  const auto status = text(at(authorization, "status"));
  if (id.empty()) return unexpected("an order without an authorization", text(at(order, "status")));
  if (status == "CREATED" || status == "PENDING") return {Outcome::succeeded, id};
  return refused_by_status(authorization, status);
}

Answer done(CallKind kind, const boost::json::value* object) {
  const auto id = text(at(object, "id"));
  const auto status = text(at(object, "status"));
  if (kind == CallKind::void_authorization) return {Outcome::succeeded, id};
  if (kind == CallKind::confirm) return order_authorized(object);
  if (id.empty() || status.empty()) return unknown("PayPal's answer names no object and status");
  if (kind == CallKind::authorize) return order_made(object, id, status);
  if (status == "COMPLETED" || status == "PENDING") return {Outcome::succeeded, id};
  return refused_by_status(object, status);
}

Answer refused(CallKind kind, long status, const boost::json::value* error) {
  const auto* detail = item(at(error, "details"), 0);
  const auto issue = text(at(detail, "issue"));
  const auto message = first_of(text(at(detail, "description")), text(at(error, "message")));
  if (kind == CallKind::confirm && issue == "ORDER_NOT_APPROVED")
    return {Outcome::requires_action, "", "", issue, message};
  return declined(first_of(first_of(issue, text(at(error, "name"))), "http_" + std::to_string(status)), message);
}

}  // namespace

Answer paypal_answer(CallKind kind, long status, std::string_view body) {
  boost::system::error_code error;
  const auto json = boost::json::parse(body, error);
  const auto* readable = error ? nullptr : &json;
  if (status == 401 || status == 429 || status >= 500) {
    const auto message = first_of(text(at(readable, "message")), text(at(readable, "error_description")));
    return unknown("PayPal answered HTTP " + std::to_string(status) + (message.empty() ? "" : ": " + message));
  }
  if (status >= 200 && status < 300) {
    if (!readable && !(kind == CallKind::void_authorization && body.empty()))
      return unknown("PayPal's answer is not JSON");
    return done(kind, readable);
  }
  return refused(kind, status, readable);
}

Answer paypal_found(long status, std::string_view body) {
  if (status == 404) return declined("nothing_held", "PayPal has no such order");
  boost::system::error_code error;
  const auto json = boost::json::parse(body, error);
  if (status < 200 || status >= 300 || error)
    return unknown("PayPal answered the order's read HTTP " + std::to_string(status));
  const auto* units = at(&json, "purchase_units");
  for (std::size_t u = 0; const auto* unit = item(units, u); ++u) {
    const auto* authorizations = at(at(unit, "payments"), "authorizations");
    for (std::size_t a = 0; const auto* authorization = item(authorizations, a); ++a) {
      const auto state = text(at(authorization, "status"));
      if (state == "CREATED" || state == "PENDING") return {Outcome::succeeded, text(at(authorization, "id"))};
    }
  }
  return declined("nothing_held", "PayPal holds no authorization of the order");
}

}  // namespace agora::payment
