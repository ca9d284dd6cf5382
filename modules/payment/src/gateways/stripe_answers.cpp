#include "gateways/stripe_answers.hpp"

#include "gateways/json_reading.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <optional>

namespace agora::payment {
namespace {

using namespace json_reading;
using Outcome = Answer::Outcome;

Answer declined(std::string code, std::string message) {
  return {Outcome::declined, "", "", std::move(code), std::move(message)};
}

Answer unknown(std::string message) { return {Outcome::unknown, "", "", "", std::move(message)}; }

Answer unexpected(std::string_view object, const std::string& status) {
  return declined("unexpected_status", "Stripe answered a " + std::string(object) + " in status " + status);
}

// The buyer's action: only a redirect can be offered to a buyer who is not on the shop's page. A
// card asking for Stripe.js's own flow (use_stripe_sdk, when no return_url was given) is refused.
Answer action(const boost::json::value& intent, const std::string& id) {
  const auto* next = at(&intent, "next_action");
  const auto url = text(at(at(next, "redirect_to_url"), "url"));
  if (text(at(next, "type")) == "redirect_to_url" && !url.empty()) return {Outcome::requires_action, id, url};
  return declined("authentication_required",
                  "The card needs the buyer's authentication, which needs a return_url to come back to.");
}

Answer authorization(const boost::json::value& intent, const std::string& id, const std::string& status) {
  if (status == "requires_capture") return {Outcome::succeeded, id};
  if (status == "requires_action") return action(intent, id);
  if (status == "requires_payment_method") {
    const auto* error = at(&intent, "last_payment_error");
    return declined(first_of(first_of(text(at(error, "decline_code")), text(at(error, "code"))), "card_declined"),
                    text(at(error, "message")));
  }
  return unexpected("PaymentIntent", status);
}

Answer done(CallKind kind, const boost::json::value& object) {
  const auto id = text(at(&object, "id"));
  const auto status = text(at(&object, "status"));
  if (id.empty() || status.empty()) return unknown("Stripe's answer names no object and status");
  switch (kind) {
    case CallKind::authorize:
    case CallKind::confirm:
      return authorization(object, id, status);
    case CallKind::capture:
      return status == "succeeded" ? Answer{Outcome::succeeded, id} : unexpected("PaymentIntent", status);
    case CallKind::void_authorization:
      return status == "canceled" ? Answer{Outcome::succeeded, id} : unexpected("PaymentIntent", status);
    case CallKind::refund:
      break;
  }
  // A pending refund completes at the gateway without us (cards refund at once).
  if (status == "succeeded" || status == "pending") return {Outcome::succeeded, id};
  return declined(first_of(text(at(&object, "failure_reason")), "refund_" + status),
                  "Stripe answered a Refund in status " + status);
}

Answer refused(long status, const boost::json::value* json) {
  const auto* error = at(json, "error");
  const auto type = text(at(error, "type"));
  const auto message = text(at(error, "message"));
  if (type == "idempotency_error") return declined("idempotency_error", message);
  if (status == 402)
    return declined(first_of(first_of(text(at(error, "decline_code")), text(at(error, "code"))), "card_declined"),
                    message);
  return declined(first_of(first_of(text(at(error, "code")), type), "http_" + std::to_string(status)), message);
}

}  // namespace

Answer stripe_answer(CallKind kind, long status, std::string_view body) {
  boost::system::error_code error;
  const auto json = boost::json::parse(body, error);
  const auto* readable = error ? nullptr : &json;
  if (status == 429 || status >= 500) {
    const auto message = text(at(at(readable, "error"), "message"));
    return unknown("Stripe answered HTTP " + std::to_string(status) + (message.empty() ? "" : ": " + message));
  }
  if (status >= 200 && status < 300) {
    if (!readable) return unknown("Stripe's answer is not JSON");
    return done(kind, json);
  }
  return refused(status, readable);
}

Answer stripe_found(long status, std::string_view body) {
  boost::system::error_code error;
  const auto json = boost::json::parse(body, error);
  const auto* readable = error ? nullptr : &json;
  const auto* data = at(readable, "data");
  if (status < 200 || status >= 300 || !data || !data->is_array()) {
    const auto message = text(at(at(readable, "error"), "message"));
    return unknown("Stripe answered the search HTTP " + std::to_string(status) +
                   (message.empty() ? "" : ": " + message));
  }
  std::optional<Answer> waiting;
  for (const auto& intent : data->get_array()) {
    const auto id = text(at(&intent, "id"));
    const auto state = text(at(&intent, "status"));
    if (state == "requires_capture") return {Outcome::succeeded, id};
    if (state == "requires_action" || state == "requires_confirmation" || state == "processing")
      waiting = Answer{Outcome::requires_action, id};
  }
  if (waiting) return *waiting;
  const auto* more = at(readable, "has_more");
  if (more && more->is_bool() && more->get_bool()) return unknown("Stripe found more intents of the order than a page");
  return declined("nothing_held", "Stripe holds no PaymentIntent of the order");
}

}  // namespace agora::payment
