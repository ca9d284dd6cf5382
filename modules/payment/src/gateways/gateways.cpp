#include "gateways/gateways.hpp"

#include "gateways/paypal_gateway.hpp"
#include "gateways/sandbox_gateway.hpp"

#include <agora/core/config.hpp>

namespace agora::payment {

Gateways::Gateways(const std::vector<std::string>& names, const GatewayOptions& options,
                   outbound::Destinations& outbound) {
  for (const auto& name : names) {
    if (gateways_.contains(name)) continue;
    gateways_.emplace(name, adapter(name, options, outbound));
    listed_ += (listed_.empty() ? "" : ", ") + name;
  }
}

std::unique_ptr<Gateway> Gateways::adapter(const std::string& name, const GatewayOptions& options,
                                           outbound::Destinations& outbound) {
  if (name == "sandbox") return std::make_unique<SandboxGateway>(options.sandbox_latency);
  if (name == "stripe") {
    if (options.stripe.secret_key.empty())
      throw ConfigError("config key payment.stripe_secret_key: required when payment.gateways lists stripe");
    return std::make_unique<StripeGateway>(options.stripe, outbound.get(name));
  }
  if (name == "paypal") {
    if (options.paypal.client_id.empty() || options.paypal.client_secret.empty())
      throw ConfigError(
          "config keys payment.paypal_client_id and payment.paypal_client_secret: required when payment.gateways "
          "lists paypal");
    paypal_client_ = std::make_unique<PaypalClient>(options.paypal, outbound.get(name));
    return std::make_unique<PaypalGateway>(*paypal_client_);
  }
  throw ConfigError("config key payment.gateways: no payment gateway is named " + name +
                    " (known: sandbox, stripe, paypal)");
}

Gateway* Gateways::find(std::string_view name) const {
  const auto it = gateways_.find(name);
  return it == gateways_.end() ? nullptr : it->second.get();
}

}  // namespace agora::payment
