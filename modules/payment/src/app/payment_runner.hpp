#pragma once
// Makes the payments' gateway calls on threads of its own. For each payment handed to it: takes the
// payment's lease (another runner holding it: skip), makes its open call outside any transaction,
// then records the answer on the call and the payment and publishes what it means, in one. A call
// started by a transaction of this process comes with its lease taken already (lease_from, stored
// with the call), so the runner reads it instead of claiming it: one transaction less per call.
#include "domain/transitions.hpp"
#include "gateways/gateways.hpp"

#include <agora/core/clock.hpp>
#include <agora/core/work_queue.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace agora {
class Database;
class Metrics;
}  // namespace agora

namespace agora::payment {

// The request the gateway is sent for the payment's call `c`, acting on `reference` (the gateway's id).
CallRequest request_of(const Payment& p, const Call& c, std::string reference);

struct RunnerOptions {
  int threads = 4;
  std::chrono::milliseconds lease{30000};  // a payment is held this long while its call is out
  RetryPolicy retry;
};

class PaymentRunner {
 public:
  PaymentRunner(Database& db, const Clock& clock, Metrics& metrics, const Gateways& gateways, RunnerOptions options);

  void start() { queue_.start(); }
  // Lets the calls out finish. Payments still queued keep their call started: resume() finds them
  // again (here, or on another instance).
  void stop() { queue_.stop(); }
  // The lease of a call started at `now` and handed over with submit() once its transaction commits.
  Timestamp lease_from(Timestamp now) const { return now + options_.lease; }
  // Makes the payment's open call soon, unless it is queued already. Any thread. `held_until`: the
  // lease stored with the call by the transaction that started it (lease_from).
  void submit(const std::string& payment_id, std::optional<Timestamp> held_until = std::nullopt);
  // Submits the payments with a call to make that no runner holds: left by a crash, or due a retry.
  void resume();

 private:
  struct Submitted {
    std::string payment_id;
    std::optional<Timestamp> held_until;
  };
  void run(const Submitted& submitted);

  Database& db_;
  const Clock& clock_;
  Metrics& metrics_;
  const Gateways& gateways_;
  const RunnerOptions options_;
  WorkQueue<Submitted> queue_;
};

}  // namespace agora::payment
