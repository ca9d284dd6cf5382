// order.created read with the rules of a reservation request's body, so that the event path accepts
// what the HTTP path accepts (and an order line may carry more than inventory reads).
#include "http/reservation_json.hpp"

#include <agora/core/fields.hpp>
#include <agora/inventory/order_events.hpp>

namespace agora::inventory::order_events {

Created tag_invoke(boost::json::value_to_tag<Created>, const boost::json::value& payload) {
  Fields f(payload);
  Created order;
  order.order_id = f.text("order_id", 200, true).value_or("");
  for (const auto& l : read_lines(f, true)) order.lines.push_back({l.sku, l.quantity});
  if (const auto* region = f.raw("shipping_region"); region && !region->is_null())
    order.shipping_region = shipping_region_field(f);
  if (auto errors = f.take_errors(); !errors.empty())
    throw Error(ErrorKind::validation, "invalid order.created", std::move(errors));
  return order;
}

}  // namespace agora::inventory::order_events
