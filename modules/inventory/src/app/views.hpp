#pragma once
// JSON shapes of the inventory's answers.
#include "domain/inputs.hpp"
#include "domain/reservation.hpp"
#include "store/stock_store.hpp"

#include <agora/inventory/api.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace agora::inventory {

boost::json::object reservation_view(const Reservation& r);
boost::json::object warehouse_view(const Warehouse& w);
boost::json::object stock_view(const stock_store::StockRow& s);
boost::json::object movement_view(const stock_store::Movement& m);
boost::json::object availability_view(const Availability& a);

}  // namespace agora::inventory
