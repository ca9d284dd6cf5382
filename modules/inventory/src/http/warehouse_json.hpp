#pragma once
// Warehouses in JSON: request bodies read field by field (one 422 lists every bad field), a
// warehouse written as the API answers it.
#include "domain/warehouse.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace agora::inventory {

// {code, name, region?, address?, priority?, active?}
NewWarehouse parse_new_warehouse(const boost::json::value& body);
// {name?, region?, address?, priority?, active?}: the code cannot change.
WarehouseChanges parse_warehouse_changes(const boost::json::value& body);

boost::json::object warehouse_json(const Warehouse& w);

}  // namespace agora::inventory
