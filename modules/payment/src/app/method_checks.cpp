#include "app/method_checks.hpp"

#include "domain/card_number.hpp"

namespace agora::payment {

std::vector<FieldError> MethodChecks::problems(const PaymentMethod& method, std::string_view prefix) const {
  std::vector<FieldError> out;
  const auto* gateway = gateways_.find(method.gateway);
  if (!gateway)
    out.push_back({std::string(prefix) + ".gateway", "is not a gateway of this shop: one of " + gateways_.listed()});
  if (looks_like_card_number(method.token)) {
    out.push_back(
        {std::string(prefix) + ".token", "looks like a card number: send the gateway's token, never the card"});
  } else if (gateway) {
    for (auto& problem : gateway->method_problems(method, prefix)) out.push_back(std::move(problem));
  }
  return out;
}

}  // namespace agora::payment
