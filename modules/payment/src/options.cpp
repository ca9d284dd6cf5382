#include "options.hpp"

namespace agora::payment {

ConfigSection config_section() {
  using Strings = std::vector<std::string>;
  return {
      "payment",
      {{"gateways", Strings{"sandbox"}, "the gateways buyers may pay through (sandbox; stripe and paypal to come)"},
       {.name = "capture",
        .default_value = "immediate",
        .description = "\"immediate\": order.placed captures the payment; \"at_fulfillment\": it waits",
        .one_of = {"immediate", "at_fulfillment"}},
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
       {"resume_interval_ms", 1000, "how often payments with a call to make and no runner are looked for", 1,
        3'600'000},
       {"sandbox_latency_ms", 0, "each sandbox gateway call takes this long, as a real gateway's would", 0, 60'000}}};
}

Options read_options(const Config& c) {
  Options o;
  o.gateways = c.strings("payment.gateways");
  o.gateway.sandbox_latency = c.millis("payment.sandbox_latency_ms");
  o.capture = c.string("payment.capture") == "at_fulfillment" ? CaptureMode::at_fulfillment : CaptureMode::immediate;
  o.runner.threads = static_cast<int>(c.integer("payment.runner_threads"));
  o.runner.lease = c.millis("payment.lease_ms");
  o.runner.retry.base = c.millis("payment.retry_base_ms");
  o.runner.retry.max_attempts = static_cast<int>(c.integer("payment.max_call_attempts"));
  o.resume_interval = c.millis("payment.resume_interval_ms");
  return o;
}

}  // namespace agora::payment
