#pragma once
// Returns of shipped units: asked for by the order's buyer (or staff), received by staff, which
// sends the units back to stock and asks for their refund (order.return_received).
#include "app/order_service.hpp"
#include "domain/fulfillment.hpp"

#include <agora/core/clock.hpp>
#include <agora/core/db.hpp>

#include <string>
#include <vector>

namespace agora::order {

struct NewReturn {
  std::vector<ShipLine> lines;
  std::string reason;
};

class ReturnService {
 public:
  ReturnService(Database& db, const Clock& clock, OrderService& orders) : db_(db), clock_(clock), orders_(orders) {}

  // Error{not_found} for an order the viewer may not see; Error{conflict} when the order has no
  // shipped units to return (or its return window closed); Error{validation} naming bad lines.
  Order request(const std::string& order_id, const Viewer& viewer, const NewReturn& request);
  // Again for a received return changes nothing. Error{not_found} for no such return.
  Order receive(const std::string& order_id, const std::string& return_id);

 private:
  Database& db_;
  const Clock& clock_;
  OrderService& orders_;
};

}  // namespace agora::order
