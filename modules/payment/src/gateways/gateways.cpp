#include "gateways/gateways.hpp"

#include "gateways/sandbox_gateway.hpp"

#include <agora/core/config.hpp>

namespace agora::payment {
namespace {

std::unique_ptr<Gateway> adapter(const std::string& name, const GatewayOptions& options,
                                 outbound::Destinations& outbound) {
  if (name == "sandbox") return std::make_unique<SandboxGateway>(options.sandbox_latency);
  if (name == "stripe") {
    if (options.stripe.secret_key.empty())
      throw ConfigError("config key payment.stripe_secret_key: required when payment.gateways lists stripe");
    return std::make_unique<StripeGateway>(options.stripe, outbound.get(name));
  }
  throw ConfigError("config key payment.gateways: no payment gateway is named " + name + " (known: sandbox, stripe)");
}

}  // namespace

Gateways::Gateways(const std::vector<std::string>& names, const GatewayOptions& options,
                   outbound::Destinations& outbound) {
  for (const auto& name : names) {
    if (gateways_.contains(name)) continue;
    gateways_.emplace(name, adapter(name, options, outbound));
    listed_ += (listed_.empty() ? "" : ", ") + name;
  }
}

Gateway* Gateways::find(std::string_view name) const {
  const auto it = gateways_.find(name);
  return it == gateways_.end() ? nullptr : it->second.get();
}

}  // namespace agora::payment
