#include "gateways/sandbox_gateway.hpp"

#include "gateways/sandbox_ledger.hpp"

#include <algorithm>
#include <thread>

namespace agora::payment {
namespace {

constexpr std::size_t kMaxTokenLength = 255;
constexpr std::string_view kActionBase = "https://sandbox.agora.invalid/authenticate/";

using Outcome = Answer::Outcome;

Answer authorization_for(const CallRequest& call) {
  const auto reference = "sbx_auth_" + call.key;
  if (call.token == "sandbox_decline") return {Outcome::declined, "", "", "card_declined", "Your card was declined."};
  if (call.token == "sandbox_insufficient_funds")
    return {Outcome::declined, "", "", "insufficient_funds", "Your card has insufficient funds."};
  if (call.token == "sandbox_action")
    return {Outcome::requires_action, reference, std::string(kActionBase) + reference};
  if (call.token == "sandbox_unreachable")
    return {Outcome::unknown, "", "", "", "the sandbox gateway did not answer (sandbox_unreachable)"};
  return {Outcome::succeeded, reference};
}

Answer done(std::string reference) { return {Outcome::succeeded, std::move(reference)}; }

bool token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

}  // namespace

Answer SandboxGateway::authorize(const CallRequest& call) {
  std::this_thread::sleep_for(latency_);
  auto made =
      sandbox_ledger().answer(call.key, call.order_id, CallKind::authorize, [&] { return authorization_for(call); });
  if (call.token == "sandbox_answer_lost")
    return {Outcome::unknown, "", "", "", "the sandbox gateway's answer was lost (sandbox_answer_lost)"};
  return made;
}

Answer SandboxGateway::confirm(const CallRequest& call) {
  std::this_thread::sleep_for(latency_);
  return sandbox_ledger().answer(call.key, call.order_id, CallKind::confirm, [&] { return done(call.reference); });
}

Answer SandboxGateway::capture(const CallRequest& call) {
  std::this_thread::sleep_for(latency_);
  return sandbox_ledger().answer(call.key, call.order_id, CallKind::capture,
                                 [&] { return done("sbx_cap_" + call.key); });
}

Answer SandboxGateway::cancel(const CallRequest& call) {
  std::this_thread::sleep_for(latency_);
  return sandbox_ledger().answer(call.key, call.order_id, CallKind::void_authorization,
                                 [&] { return done(call.reference); });
}

Answer SandboxGateway::refund(const CallRequest& call) {
  std::this_thread::sleep_for(latency_);
  return sandbox_ledger().answer(call.key, call.order_id, CallKind::refund,
                                 [&] { return done("sbx_ref_" + call.key); });
}

Answer SandboxGateway::look_up(CallKind, const CallRequest& call) {
  std::this_thread::sleep_for(latency_);
  // What the key's call made, as it made it: the sandbox does not follow an authorization further.
  auto found = sandbox_ledger().find(call.key);
  if (!found || found->outcome == Outcome::declined)
    return {Outcome::declined, "", "", "nothing_held", "the sandbox holds nothing for this call"};
  return *found;
}

std::vector<FieldError> SandboxGateway::method_problems(const PaymentMethod& method, std::string_view prefix) const {
  const std::string_view token = method.token;
  const auto field = std::string(prefix) + ".token";
  if (token.empty()) return {{field, "is required for the sandbox gateway (sandbox_ok, sandbox_decline, ...)"}};
  if (token.size() > kMaxTokenLength || !std::all_of(token.begin(), token.end(), token_char))
    return {{field, "is 1 to 255 letters, digits, '_' and '-'"}};
  return {};
}

}  // namespace agora::payment
