#pragma once
// Reconciles payments failed as gateway_unavailable (domain/reconciliation.hpp): asks each one's gateway
// what its unanswered call left, outside any transaction, and has the runner void what it holds. Safe
// with several instances: a payment is looked up under a lease (as the runner holds a payment while its
// call is out), and what was found is recorded under its row lock, once.
#include "app/payment_runner.hpp"
#include "gateways/gateways.hpp"

#include <agora/core/clock.hpp>

#include <chrono>
#include <set>
#include <string>

namespace agora {
class Database;
}

namespace agora::payment {

struct ReconcileOptions {
  std::chrono::seconds after{3600};        // a call is looked up this long after it failed, at the earliest
  std::chrono::seconds window{86400};      // and until this long after; then it is left to an operator
  std::chrono::milliseconds lease{30000};  // a look-up holds its payment this long
};

class Reconciler {
 public:
  Reconciler(Database& db, const Clock& clock, const Gateways& gateways, PaymentRunner& runner,
             ReconcileOptions options)
      : db_(db), clock_(clock), gateways_(gateways), runner_(runner), options_(options) {}

  // Reconciles a batch of payments, oldest first. It runs on the jobs' one thread: a gateway that did
  // not answer a look-up is not asked again this pass (each would wait for a timeout).
  void reconcile_due();

 private:
  // `silent`: the gateways that did not answer this pass.
  void reconcile(const std::string& payment_id, std::set<std::string>& silent);

  Database& db_;
  const Clock& clock_;
  const Gateways& gateways_;
  PaymentRunner& runner_;
  const ReconcileOptions options_;
};

}  // namespace agora::payment
