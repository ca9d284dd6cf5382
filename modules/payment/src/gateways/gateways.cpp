#include "gateways/gateways.hpp"

#include "gateways/sandbox_gateway.hpp"

#include <agora/core/config.hpp>

namespace agora::payment {
namespace {

std::unique_ptr<Gateway> adapter(const std::string& name, const GatewayOptions& options) {
  if (name == "sandbox") return std::make_unique<SandboxGateway>(options.sandbox_latency);
  throw ConfigError("config key payment.gateways: no payment gateway is named " + name + " (known: sandbox)");
}

}  // namespace

Gateways::Gateways(const std::vector<std::string>& names, const GatewayOptions& options) {
  for (const auto& name : names) {
    if (gateways_.contains(name)) continue;
    gateways_.emplace(name, adapter(name, options));
    listed_ += (listed_.empty() ? "" : ", ") + name;
  }
}

Gateway* Gateways::find(std::string_view name) const {
  const auto it = gateways_.find(name);
  return it == gateways_.end() ? nullptr : it->second.get();
}

}  // namespace agora::payment
