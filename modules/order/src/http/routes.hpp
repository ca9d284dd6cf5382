#pragma once
// The order module's routes: checkout, a buyer's orders, and staff's.
#include "app/checkout_service.hpp"
#include "app/checkout_waiters.hpp"
#include "app/fulfillment_service.hpp"
#include "app/order_service.hpp"
#include "app/return_service.hpp"

#include <agora/core/http.hpp>
#include <agora/user/api.hpp>

#include <chrono>

namespace agora::order {

inline const http::RouteOptions kStaff{.roles = {std::string(user::kOrderManager), std::string(user::kAdmin)}};
// Who ships: order managers, the warehouse, administrators.
inline const http::RouteOptions kShippers{
    .roles = {std::string(user::kOrderManager), std::string(user::kWarehouse), std::string(user::kAdmin)}};

// Who asks, from the request's principal and X-Order-Token (a guest's).
Viewer viewer_of(const http::Request& req);

void add_checkout_routes(http::Router& router, CheckoutService& checkout, OrderService& orders,
                         CheckoutWaiters& waiters, std::chrono::milliseconds wait);
void add_order_routes(http::Router& router, OrderService& orders);
void add_fulfillment_routes(http::Router& router, FulfillmentService& fulfillments);
void add_return_routes(http::Router& router, ReturnService& returns);

}  // namespace agora::order
