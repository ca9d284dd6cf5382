#pragma once
// After an order is placed: shipments of some or all of its lines, their delivery, and the order's
// completion once its return window has closed. Staff make the first two; a job the last.
#include "domain/fulfillment.hpp"

#include <agora/core/clock.hpp>
#include <agora/core/db.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace agora::order {

struct NewFulfillment {
  std::vector<ShipLine> lines;  // empty: every unit not shipped yet
  std::string carrier;
  std::string tracking_number;
};

class FulfillmentService {
 public:
  FulfillmentService(Database& db, const Clock& clock, std::chrono::hours return_window)
      : db_(db), clock_(clock), return_window_(return_window) {}

  // Error{not_found} for no such order; Error{conflict} when it is not placed (or partly
  // fulfilled), or nothing is left to ship; Error{validation} naming lines it cannot ship.
  Order create(const std::string& order_id, const NewFulfillment& request);
  // The shipment arrived; the order is delivered when all of its shipments are. Again changes nothing.
  Order deliver(const std::string& order_id, const std::string& fulfillment_id);
  // Completes delivered orders whose return window closed; how many it completed.
  std::size_t complete_due(int batch = 100);

 private:
  Database& db_;
  const Clock& clock_;
  std::chrono::hours return_window_;
};

}  // namespace agora::order
