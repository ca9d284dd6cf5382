#pragma once
// The payment module's config section [payment] and the options read from it.
#include "app/order_reactions.hpp"
#include "app/payment_runner.hpp"
#include "app/reconciler.hpp"
#include "app/webhook_inbox.hpp"
#include "gateways/gateways.hpp"

#include <agora/core/config.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace agora::payment {

struct Options {
  std::vector<std::string> gateways;
  GatewayOptions gateway;
  CaptureMode capture = CaptureMode::immediate;
  std::chrono::seconds capture_authorizations_after{518400};  // 6 days: Stripe's authorizations last 7
  RunnerOptions runner;
  WebhookOptions webhooks;            // every gateway's
  std::string stripe_webhook_secret;  // the signing secret of Stripe's webhook endpoint
  std::string paypal_webhook_id;      // the id PayPal gave our webhook
  std::chrono::milliseconds resume_interval{1000};
  ReconcileOptions reconcile;
  std::chrono::milliseconds reconcile_interval{60000};
};

// Every key of [payment] with its type, default, range and meaning.
ConfigSection config_section();
Options read_options(const Config& c);

}  // namespace agora::payment
