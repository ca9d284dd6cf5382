#include "gateways/stripe_gateway.hpp"

#include "gateways/stripe_answers.hpp"

#include <agora/core/log.hpp>

#include <algorithm>

namespace agora::payment {
namespace {

constexpr std::size_t kMaxTokenLength = 255;

using Outcome = Answer::Outcome;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

bool id_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }

// An id of Stripe's that we put in a path: ids are letters, digits and '_', anything else is refused
// rather than sent.
bool path_safe(std::string_view id) { return !id.empty() && std::all_of(id.begin(), id.end(), id_char); }

// A value put between single quotes in a search query, its quotes and backslashes escaped as Stripe's
// query language reads them.
std::string quoted(std::string_view value) {
  std::string out;
  for (const char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

StripeGateway::StripeGateway(StripeOptions options, outbound::Destination& stripe)
    : options_(std::move(options)), stripe_(stripe) {}

Answer StripeGateway::authorize(const CallRequest& call) {
  FormFields fields{{"amount", std::to_string(call.amount)},
                    {"currency", lower(call.currency)},
                    {"payment_method", call.token},
                    {"confirm", "true"},
                    {"capture_method", "manual"},
                    {"metadata[order_id]", call.order_id}};
  // Confirming at once needs either where the buyer comes back to after a redirect, or Stripe told
  // that no method may redirect: then a card that needs 3-D Secure is refused (stripe_answers.hpp)
  // instead of waiting for a buyer who cannot act.
  if (!call.return_url.empty()) {
    fields.emplace_back("return_url", call.return_url);
  } else {
    fields.emplace_back("automatic_payment_methods[enabled]", "true");
    fields.emplace_back("automatic_payment_methods[allow_redirects]", "never");
  }
  return send(CallKind::authorize, "POST", "/v1/payment_intents", fields, call);
}

Answer StripeGateway::confirm(const CallRequest& call) {
  // 3-D Secure ends at Stripe, which authorizes by itself: what it left is read.
  if (!path_safe(call.reference)) return {Outcome::declined, "", "", "invalid_reference", "no PaymentIntent to read"};
  return send(CallKind::confirm, "GET", "/v1/payment_intents/" + call.reference, {}, call);
}

Answer StripeGateway::capture(const CallRequest& call) {
  if (!path_safe(call.reference))
    return {Outcome::declined, "", "", "invalid_reference", "no PaymentIntent to capture"};
  return send(CallKind::capture, "POST", "/v1/payment_intents/" + call.reference + "/capture",
              {{"amount_to_capture", std::to_string(call.amount)}}, call);
}

Answer StripeGateway::cancel(const CallRequest& call) {
  if (!path_safe(call.reference)) return {Outcome::declined, "", "", "invalid_reference", "no PaymentIntent to cancel"};
  return send(CallKind::void_authorization, "POST", "/v1/payment_intents/" + call.reference + "/cancel", {}, call);
}

Answer StripeGateway::refund(const CallRequest& call) {
  // What a refund gives back of is the intent: the capture's reference is the intent's id.
  return send(CallKind::refund, "POST", "/v1/refunds",
              {{"payment_intent", call.reference}, {"amount", std::to_string(call.amount)}}, call);
}

Answer StripeGateway::look_up(CallKind kind, const CallRequest& call) {
  // A confirm read an intent we know: reading it again tells what it holds.
  if (kind == CallKind::confirm) return confirm(call);
  // An authorize's intent is found by the order its metadata names (Stripe keeps no readable record
  // of a key). Search is eventually consistent: reconciliation asks only a while after the call failed
  // (payment.reconcile_after_s).
  const auto query = "metadata['order_id']:'" + quoted(call.order_id) + "'";
  return exchange(CallKind::authorize,
                  request("GET", "/v1/payment_intents/search?" + form_encode({{"query", query}, {"limit", "100"}}), {}),
                  call, stripe_found);
}

outbound::Request StripeGateway::request(std::string method, const std::string& path, const FormFields& fields) const {
  return {.method = std::move(method),
          .url = options_.base_url + path,
          .headers = {{"Authorization", "Bearer " + options_.secret_key},
                      {"Stripe-Version", options_.api_version},
                      {"Content-Type", "application/x-www-form-urlencoded"}},
          .body = form_encode(fields),
          .timeout = options_.timeout};
}

Answer StripeGateway::send(CallKind kind, std::string method, const std::string& path, const FormFields& fields,
                           const CallRequest& call) {
  auto r = request(std::move(method), path, fields);
  r.headers.emplace_back("Idempotency-Key", call.key);
  return exchange(kind, std::move(r), call,
                  [kind](long status, std::string_view body) { return stripe_answer(kind, status, body); });
}

Answer StripeGateway::exchange(CallKind kind, const outbound::Request& request, const CallRequest& call,
                               const std::function<Answer(long, std::string_view)>& read) {
  outbound::Response response;
  try {
    response = stripe_.send(request);
  } catch (const std::exception& e) {
    // No answer (refused, reset, timed out, the circuit open): the call may or may not have been
    // done; it is asked again later, with the same key.
    return {Outcome::unknown, "", "", "", log::describe(e)};
  }
  auto answer = read(response.status, response.body);
  if (answer.code == "idempotency_error" || response.status == 401 || response.status == 403)
    // Our own mistake, not the buyer's: a key sent with other parameters than before, or a key Stripe
    // does not accept. Named by the call's key and Stripe's request id, never the secret or the token.
    log::error("payment: Stripe refused a call", {{"kind", to_text(kind)},
                                                  {"key", call.key},
                                                  {"order_id", call.order_id},
                                                  {"status", response.status},
                                                  {"code", answer.code},
                                                  {"stripe_request_id", response.header("request-id").value_or("")}});
  return answer;
}

std::vector<FieldError> StripeGateway::method_problems(const PaymentMethod& method, std::string_view prefix) const {
  const std::string_view token = method.token;
  const auto field = std::string(prefix) + ".token";
  const bool prefixed = token.starts_with("pm_") || token.starts_with("tok_");
  const auto id = token.substr(token.find('_') + 1);
  if (!prefixed || token.size() > kMaxTokenLength || id.empty() || !std::all_of(id.begin(), id.end(), id_char))
    return {{field, "is a Stripe PaymentMethod id (pm_...) or card token (tok_...) of letters, digits and '_'"}};
  return {};
}

}  // namespace agora::payment
