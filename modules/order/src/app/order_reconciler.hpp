#pragma once
// Finishes what the saga left: an order that stays pending (its order.created never reserved, say
// dead-lettered) or awaiting payment far past the reservation's lifetime is cancelled, which
// releases its stock and voids whatever its payment holds. Each cancellation is logged as an error:
// a saga that needed this has a fault worth finding.
#include <agora/core/clock.hpp>
#include <agora/core/db.hpp>

#include <chrono>
#include <cstddef>

namespace agora::order {

class OrderReconciler {
 public:
  OrderReconciler(Database& db, const Clock& clock, std::chrono::seconds stuck_after)
      : db_(db), clock_(clock), stuck_after_(stuck_after) {}

  // Orders cancelled now.
  std::size_t cancel_stuck(int batch = 100);

 private:
  Database& db_;
  const Clock& clock_;
  std::chrono::seconds stuck_after_;
};

}  // namespace agora::order
