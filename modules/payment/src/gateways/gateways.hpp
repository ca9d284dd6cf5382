#pragma once
// The gateways an instance pays through (payment.gateways), each by its adapter.
#include "gateways/gateway.hpp"
#include "gateways/paypal_client.hpp"
#include "gateways/stripe_gateway.hpp"

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace agora::payment {

// What the adapters are configured with.
struct GatewayOptions {
  std::chrono::milliseconds sandbox_latency{0};  // each sandbox call takes this long, as a real gateway's would
  StripeOptions stripe;
  PaypalOptions paypal;
};

class Gateways {
 public:
  // ConfigError for a name no adapter answers to, or a gateway without what it needs (Stripe's key,
  // PayPal's client id and secret). A gateway outside Agora is called through its destination in
  // `outbound`, named as the gateway.
  Gateways(const std::vector<std::string>& names, const GatewayOptions& options, outbound::Destinations& outbound);
  Gateway* find(std::string_view name) const;            // null when it is not one of them
  const std::string& listed() const { return listed_; }  // "sandbox, stripe": for messages
  // What PayPal is called through, its webhooks verified too (one token for both); null without paypal.
  PaypalClient* paypal_client() const { return paypal_client_.get(); }

 private:
  std::unique_ptr<Gateway> adapter(const std::string& name, const GatewayOptions& options,
                                   outbound::Destinations& outbound);

  std::unique_ptr<PaypalClient> paypal_client_;  // before the adapters, which use it
  std::map<std::string, std::unique_ptr<Gateway>, std::less<>> gateways_;
  std::string listed_;
};

}  // namespace agora::payment
