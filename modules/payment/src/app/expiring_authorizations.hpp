#pragma once
// Captures authorizations before the gateway lets them lapse (7 days at Stripe): with capture at
// fulfillment, an order not shipped in time would otherwise leave nothing to capture. Safe with
// several instances: each pass locks the payments it captures and skips those another holds.
#include "app/payment_runner.hpp"

#include <agora/core/clock.hpp>

#include <chrono>

namespace agora {
class Database;
}

namespace agora::payment {

class ExpiringAuthorizations {
 public:
  ExpiringAuthorizations(Database& db, const Clock& clock, PaymentRunner& runner, std::chrono::seconds capture_after)
      : db_(db), clock_(clock), runner_(runner), capture_after_(capture_after) {}

  // Starts the capture of payments authorized `capture_after` ago or earlier, a batch per call.
  void capture_due();

 private:
  Database& db_;
  const Clock& clock_;
  PaymentRunner& runner_;
  const std::chrono::seconds capture_after_;
};

}  // namespace agora::payment
