#pragma once
// payment::Api: a checkout's payment method checked before the order is made.
#include "gateways/gateways.hpp"

#include <agora/payment/api.hpp>

namespace agora::payment {

class MethodChecks final : public Api {
 public:
  explicit MethodChecks(const Gateways& gateways) : gateways_(gateways) {}
  // A gateway not configured here; a token that looks like a card number (reported without quoting it),
  // or else what the gateway finds wrong with it.
  std::vector<FieldError> problems(const PaymentMethod& method, std::string_view prefix) const override;

 private:
  const Gateways& gateways_;
};

}  // namespace agora::payment
