#include "options.hpp"

namespace agora::payment {

ConfigSection config_section() {
  using Strings = std::vector<std::string>;
  return {
      "payment",
      {{"gateways", Strings{"sandbox"}, "the gateways buyers may pay through: sandbox, stripe, paypal"},
       {.name = "capture",
        .default_value = "immediate",
        .description = "\"immediate\": order.placed captures the payment; \"at_fulfillment\": it waits",
        .one_of = {"immediate", "at_fulfillment"}},
       {"capture_authorizations_after_s", 518400,
        "an authorized payment still not captured this long after its authorization is captured (looked for every "
        "resume_interval_ms), before the gateway lets it lapse: keep it below the gateway's hold (7 days at "
        "Stripe, 29 at PayPal). Only with capture at_fulfillment; immediate captures at placement",
        60, 29 * 86400},
       {"runner_threads", 4, "threads making gateway calls", 1, 64},
       {"lease_ms", 30000,
        "a payment is held this long while its call is out; longer than any gateway call takes, or another "
        "instance repeats the call (harmlessly: with the same key)",
        1000, 3'600'000},
       {"retry_base_ms", 1000, "a call with no answer is tried again after this, doubled per attempt", 1, 3'600'000},
       {"max_call_attempts", 5,
        "an authorization unanswered this many times fails (gateway_unavailable); captures, voids and refunds "
        "go on being tried",
        1, 100},
       {"resume_interval_ms", 1000,
        "how often payments with a call to make and no runner, and gateway events due, are looked for", 1, 3'600'000},
       {"reconcile_interval_ms", 60000,
        "how often payments failed as gateway_unavailable are looked for (at most 20 a pass), to ask their "
        "gateway what the unanswered call left and void it",
        1, 3'600'000},
       {"reconcile_after_s", 3600,
        "a failed call is looked up this long after it failed, at the earliest: Stripe's search finds a new "
        "PaymentIntent within a minute, but up to an hour late during an outage (when calls go unanswered)",
        0, 86400},
       {"reconcile_window_s", 86400,
        "a failed call is looked up until this long after it failed (Stripe keeps a key's answer 24 hours); "
        "one whose gateway has not answered by then is logged as an error for an operator. Above "
        "reconcile_after_s",
        60, 30 * 86400},
       {"sandbox_latency_ms", 0, "each sandbox gateway call takes this long, as a real gateway's would", 0, 60'000},
       {"stripe_base_url", "https://api.stripe.com", "where Stripe's API is called (an emulator's URL in tests)"},
       {"stripe_secret_key", "",
        "Stripe's secret key, required when gateways lists stripe; give it as env:NAME or file:/path"},
       {"stripe_webhook_secret", "",
        "the signing secret (whsec_...) of the webhook endpoint /api/v1/payments/webhooks/stripe, required when "
        "gateways lists stripe; give it as env:NAME or file:/path"},
       {"stripe_api_version", "2024-06-20", "the Stripe-Version every call is pinned to"},
       {"stripe_timeout_ms", 20000,
        "a Stripe call unanswered this long is unknown and asked again with the same key; below lease_ms", 100,
        600'000},
       {"paypal_base_url", "https://api-m.paypal.com",
        "where PayPal's REST API is called (https://api-m.sandbox.paypal.com for PayPal's sandbox, an emulator's URL "
        "in tests)"},
       {"paypal_client_id", "", "the REST app's client id, required when gateways lists paypal"},
       {"paypal_client_secret", "",
        "the REST app's secret, required when gateways lists paypal; give it as env:NAME or file:/path"},
       {"paypal_webhook_id", "",
        "the id PayPal gave the webhook /api/v1/payments/webhooks/paypal (its deliveries are verified with it), "
        "required when gateways lists paypal"},
       {"paypal_timeout_ms", 20000,
        "a PayPal call unanswered this long is unknown and asked again with the same PayPal-Request-Id; below "
        "lease_ms",
        100, 600'000},
       {"webhook_max_attempts", 12,
        "a gateway's event whose payment is unknown here (or busy with a call) is tried this many times, waiting "
        "retry_base_ms doubled per attempt, then given up (logged)",
        1, 100}}};
}

Options read_options(const Config& c) {
  Options o;
  o.gateways = c.strings("payment.gateways");
  o.gateway.sandbox_latency = c.millis("payment.sandbox_latency_ms");
  o.gateway.stripe = {.base_url = c.string("payment.stripe_base_url"),
                      .secret_key = c.string("payment.stripe_secret_key"),
                      .api_version = c.string("payment.stripe_api_version"),
                      .timeout = c.millis("payment.stripe_timeout_ms")};
  o.gateway.paypal = {.base_url = c.string("payment.paypal_base_url"),
                      .client_id = c.string("payment.paypal_client_id"),
                      .client_secret = c.string("payment.paypal_client_secret"),
                      .timeout = c.millis("payment.paypal_timeout_ms")};
  o.paypal_webhook_id = c.string("payment.paypal_webhook_id");
  o.webhooks = {.max_attempts = static_cast<int>(c.integer("payment.webhook_max_attempts")),
                .retry_base = c.millis("payment.retry_base_ms")};
  o.stripe_webhook_secret = c.string("payment.stripe_webhook_secret");
  o.capture = c.string("payment.capture") == "at_fulfillment" ? CaptureMode::at_fulfillment : CaptureMode::immediate;
  o.capture_authorizations_after = std::chrono::seconds(c.integer("payment.capture_authorizations_after_s"));
  o.runner.threads = static_cast<int>(c.integer("payment.runner_threads"));
  o.runner.lease = c.millis("payment.lease_ms");
  o.runner.retry.base = c.millis("payment.retry_base_ms");
  o.runner.retry.max_attempts = static_cast<int>(c.integer("payment.max_call_attempts"));
  o.resume_interval = c.millis("payment.resume_interval_ms");
  o.reconcile = {.after = std::chrono::seconds(c.integer("payment.reconcile_after_s")),
                 .window = std::chrono::seconds(c.integer("payment.reconcile_window_s")),
                 .lease = o.runner.lease};
  if (o.reconcile.after >= o.reconcile.window)
    throw ConfigError("config key payment.reconcile_window_s: must be above payment.reconcile_after_s");
  o.reconcile_interval = c.millis("payment.reconcile_interval_ms");
  return o;
}

}  // namespace agora::payment
