#pragma once
// payment::Api: what other modules may ask the payment module (platform.services.get<payment::Api>()):
// the order module checks a checkout's payment method before it makes the order.
#include <agora/core/error.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace agora::payment {

// How a buyer pays: a gateway and what it needs. Never a card number: only the gateway's token.
struct PaymentMethod {
  std::string gateway;     // sandbox, stripe, paypal
  std::string token;       // the gateway's token (Stripe pm_..., a sandbox token); "" for PayPal
  std::string return_url;  // where the buyer comes back after an action (PayPal approval, 3-D Secure)
};

class Api {
 public:
  static constexpr std::string_view kModule = "payment";  // the module that provides it
  virtual ~Api() = default;
  // What is wrong with the method, each named "<prefix>.<field>": a gateway not enabled here, a
  // token missing or malformed, a value that looks like a card number. Empty when it can be used.
  virtual std::vector<FieldError> problems(const PaymentMethod& method, std::string_view prefix) const = 0;
};

}  // namespace agora::payment
