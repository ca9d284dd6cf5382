#pragma once
// Request bodies of the inventory, read field by field (one 422 lists every bad field).
#include "domain/allocation.hpp"

#include <agora/core/clock.hpp>
#include <agora/core/fields.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace agora::inventory {

struct Warehouse {
  std::string id;
  std::string code;
  std::string name;
  std::string region;
  std::string address;
  int priority = 100;
  bool active = true;
  Timestamp created_at;
  Timestamp updated_at;
};

Warehouse parse_new_warehouse(const boost::json::value& body);
// Changes the fields the body names; the code cannot change.
void apply_warehouse_patch(const boost::json::value& body, Warehouse& w);

// A stock change an operator makes: receive and return add, adjust adds or removes.
struct StockChange {
  std::string sku;
  std::string warehouse;  // code
  std::string kind;       // receive, adjust, return
  std::int64_t quantity = 0;
  std::string reason;
};
StockChange parse_stock_change(const boost::json::value& body);

// Safety stock and the per-warehouse low-stock threshold of one stock row.
struct StockSettings {
  std::optional<std::int64_t> safety_stock;
  bool threshold_given = false;
  std::optional<std::int64_t> low_stock_threshold;  // nullopt (when given): none
};
StockSettings parse_stock_settings(const boost::json::value& body);
// {low_stock_threshold: n | null} for a SKU over all warehouses.
std::optional<std::int64_t> parse_sku_threshold(const boost::json::value& body);

struct ReservationRequest {
  std::vector<Line> given;  // as sent, for field names ("lines[1].sku")
  std::vector<Line> lines;  // merged and sorted by SKU
  // The field name of the first line with this SKU's quantity.
  std::string quantity_field(const std::string& sku) const;
  std::string shipping_region;
  std::optional<std::chrono::seconds> ttl;
};
// The `lines` of a reservation request and of an order.created: 1 to 100 {sku, quantity}, each
// problem named ("lines[1].quantity"). A request's line has no other keys; an order's line may
// carry more than inventory reads (other_keys_allowed).
std::vector<Line> read_lines(Fields& f, bool other_keys_allowed);
std::string shipping_region_field(Fields& f);
ReservationRequest parse_reservation_request(const boost::json::value& body, std::chrono::seconds max_ttl);
// {ttl_seconds?} of an extension.
std::optional<std::chrono::seconds> parse_extension(const boost::json::value& body, std::chrono::seconds max_ttl);

bool valid_sku(std::string_view sku);

}  // namespace agora::inventory
