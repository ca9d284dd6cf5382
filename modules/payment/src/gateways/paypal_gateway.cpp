#include "gateways/paypal_gateway.hpp"

#include "gateways/paypal_amount.hpp"
#include "gateways/paypal_answers.hpp"

#include <agora/core/log.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

namespace agora::payment {
namespace {

using Outcome = Answer::Outcome;

constexpr std::size_t kMaxUrlLength = 2000;

bool id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// An id of PayPal's that we put in a path: anything but letters, digits, '-' and '_' is refused
// rather than sent.
bool path_safe(std::string_view id) { return !id.empty() && std::all_of(id.begin(), id.end(), id_char); }

Answer no_reference(std::string_view what) {
  return {Outcome::declined, "", "", "invalid_reference", "no PayPal " + std::string(what)};
}

Answer no_amount(const CallRequest& call) {
  return {Outcome::declined, "", "", "invalid_amount",
          std::to_string(call.amount) + " minor units of " + call.currency + " cannot be paid through PayPal"};
}

}  // namespace

Answer PaypalGateway::authorize(const CallRequest& call) {
  auto amount = paypal_amount(call.amount, call.currency);
  if (!amount) return no_amount(call);
  // The buyer comes back to the shop either way: the shop's return route confirms, and finds the
  // order not approved when the buyer cancelled.
  const boost::json::object experience{
      {"return_url", call.return_url}, {"cancel_url", call.return_url}, {"user_action", "CONTINUE"}};
  const boost::json::object order{{"intent", "AUTHORIZE"},
                                  {"purchase_units", boost::json::array{{{"reference_id", call.order_id},
                                                                         {"custom_id", call.order_id},
                                                                         {"amount", std::move(*amount)}}}},
                                  {"payment_source", {{"paypal", {{"experience_context", experience}}}}}};
  return post(CallKind::authorize, "/v2/checkout/orders", boost::json::serialize(order), call);
}

Answer PaypalGateway::confirm(const CallRequest& call) {
  if (!path_safe(call.reference)) return no_reference("order to authorize");
  return post(CallKind::confirm, "/v2/checkout/orders/" + call.reference + "/authorize", "{}", call);
}

Answer PaypalGateway::capture(const CallRequest& call) {
  if (!path_safe(call.reference)) return no_reference("authorization to capture");
  auto amount = paypal_amount(call.amount, call.currency);
  if (!amount) return no_amount(call);
  const boost::json::object body{{"amount", std::move(*amount)}, {"final_capture", true}};
  return post(CallKind::capture, "/v2/payments/authorizations/" + call.reference + "/capture",
              boost::json::serialize(body), call);
}

Answer PaypalGateway::cancel(const CallRequest& call) {
  // Before the order is authorized PayPal holds nothing, and has no call to withdraw an order: one
  // never approved lapses, and an approval that comes after finds the payment voided here.
  if (!call.authorized) return {Outcome::succeeded, call.reference};
  if (!path_safe(call.reference)) return no_reference("authorization to void");
  return post(CallKind::void_authorization, "/v2/payments/authorizations/" + call.reference + "/void", "", call);
}

Answer PaypalGateway::refund(const CallRequest& call) {
  if (!path_safe(call.reference)) return no_reference("capture to refund");
  auto amount = paypal_amount(call.amount, call.currency);
  if (!amount) return no_amount(call);
  // custom_id: the refund's webhook names our order by it.
  const boost::json::object body{{"amount", std::move(*amount)}, {"custom_id", call.order_id}};
  return post(CallKind::refund, "/v2/payments/captures/" + call.reference + "/refund", boost::json::serialize(body),
              call);
}

Answer PaypalGateway::look_up(CallKind kind, const CallRequest& call) {
  // An order holds no money until the buyer approves it at the link its answer carried, and the buyer
  // never saw an answer that was lost: there is nothing to void (an order never approved lapses).
  if (kind == CallKind::authorize)
    return {Outcome::declined, "", "", "nothing_held", "a PayPal order holds nothing before the buyer approves it"};
  if (!path_safe(call.reference)) return no_reference("order to look up");
  try {
    const auto response = paypal_.get("/v2/checkout/orders/" + call.reference);
    return paypal_found(response.status, response.body);
  } catch (const std::exception& e) {
    return {Outcome::unknown, "", "", "", log::describe(e)};
  }
}

Answer PaypalGateway::post(CallKind kind, const std::string& path, std::string body, const CallRequest& call) {
  outbound::Response response;
  try {
    response =
        paypal_.post(path, std::move(body), {{"PayPal-Request-Id", call.key}, {"Prefer", "return=representation"}});
  } catch (const std::exception& e) {
    // No answer (refused, reset, timed out, the circuit open, no token): the call may or may not have
    // been done; the runner asks again with the same PayPal-Request-Id.
    return {Outcome::unknown, "", "", "", log::describe(e)};
  }
  auto answer = paypal_answer(kind, response.status, response.body);
  if (response.status == 400 || response.status == 401 || response.status == 403)
    // Our own mistake, not the buyer's: a request PayPal finds malformed, or credentials it refuses.
    // Named by the call's key and PayPal's debug id, never the secret or the token.
    log::error("payment: PayPal refused a call",
               {{"kind", to_text(kind)},
                {"key", call.key},
                {"order_id", call.order_id},
                {"status", response.status},
                {"code", answer.code},
                {"paypal_debug_id", response.header("paypal-debug-id").value_or("")}});
  return answer;
}

std::vector<FieldError> PaypalGateway::method_problems(const PaymentMethod& method, std::string_view prefix) const {
  std::vector<FieldError> out;
  const auto field = [&](std::string_view name) { return std::string(prefix) + "." + std::string(name); };
  if (!method.token.empty()) out.push_back({field("token"), "is not used with PayPal: the buyer approves at PayPal"});
  const auto& url = method.return_url;
  if (!(url.starts_with("https://") || url.starts_with("http://")) || url.size() > kMaxUrlLength)
    out.push_back({field("return_url"), "is required with PayPal: the http(s) URL PayPal sends the buyer back to"});
  return out;
}

}  // namespace agora::payment
