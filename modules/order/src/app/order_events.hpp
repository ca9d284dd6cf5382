#pragma once
// The order.events an order's changes publish, made from the order as it now stands.
#include "domain/order.hpp"

#include <agora/order/events.hpp>

namespace agora::order {

events::Created created_event(const Order& o);
events::PaymentRequested payment_requested_event(const Order& o);
events::Placed placed_event(const Order& o);
// `reopen_cart`: the order never was placed, so its cart may be bought again.
events::Cancelled cancelled_event(const Order& o, bool reopen_cart);

}  // namespace agora::order
