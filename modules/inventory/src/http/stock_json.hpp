#pragma once
// Stock in JSON and CSV: request bodies read field by field (one 422 lists every bad field), stock
// rows and movements written as the API answers them.
#include "app/stock_service.hpp"
#include "domain/stock.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

namespace agora::inventory {

// {sku, warehouse (code), kind: receive|adjust|return, quantity, reason}
StockChange parse_stock_change(const boost::json::value& body);
// {safety_stock?, low_stock_threshold? (null removes it)}
StockSettings parse_stock_settings(const boost::json::value& body);
// {low_stock_threshold: n | null} for a SKU over all warehouses.
std::optional<std::int64_t> parse_sku_threshold(const boost::json::value& body);
// One {sku, warehouse, on_hand} per line: CSV with that header, or NDJSON. Empty lines are skipped;
// a bad line is kept with its error, for the import's report.
std::vector<ImportLine> parse_import(const std::string& text, bool csv);

boost::json::object stock_json(const StockRow& s);
boost::json::object movement_json(const Movement& m);

}  // namespace agora::inventory
