#pragma once
// The inventory's routes: availability (public), reservations and the admin side (roles
// warehouse and admin).
#include "app/availability_cache.hpp"
#include "app/reservation_service.hpp"
#include "app/stock_service.hpp"
#include "app/warehouse_service.hpp"

#include <agora/core/http.hpp>
#include <agora/user/api.hpp>

namespace agora::inventory {

// Who runs stock and reservations: warehouse staff and administrators.
inline const http::RouteOptions kStaff{.roles = {std::string(user::kWarehouse), std::string(user::kAdmin)}};
// kStaff with what the API document says of the route.
inline http::RouteOptions staff(http::RouteDoc doc) {
  auto options = kStaff;
  options.doc = std::move(doc);
  return options;
}

// GET /api/v1/inventory/availability?sku=A&sku=B (or sku=A,B): answered from memory when it can.
void add_availability_routes(http::Router& router, AvailabilityCache& cache);
// /api/v1/inventory/reservations[/{id}[/extend|/commit|/release]]; a ttl_seconds asked is at most max_ttl.
void add_reservation_routes(http::Router& router, ReservationService& reservations, std::chrono::seconds max_ttl);
// /api/v1/admin/inventory/warehouses[/{id}], .../stock..., .../movements, .../skus/{sku}
void add_admin_routes(http::Router& router, WarehouseService& warehouses, StockService& stock);

}  // namespace agora::inventory
