#pragma once
// Admin use cases on stock: receive, adjust and return (each a ledger movement), safety stock and
// low-stock thresholds, movement history, and bulk import of on-hand counts.
#include "app/availability_cache.hpp"
#include "domain/inputs.hpp"
#include "store/stock_store.hpp"

#include <agora/core/clock.hpp>
#include <agora/core/import_report.hpp>
#include <agora/core/error.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <string>
#include <vector>

namespace agora {
class Database;
}

namespace agora::inventory {

class StockService {
 public:
  StockService(Database& db, const Clock& clock, AvailabilityCache& cache,
               std::function<bool(const std::string&)> sku_exists);

  // A receive, adjust or return; answers the stock row after it. Error{conflict} when an
  // adjustment would leave less on hand than is reserved.
  stock_store::StockRow change(const boost::json::value& body, const std::string& actor);
  std::vector<stock_store::StockRow> rows(const std::string& sku);
  stock_store::StockRow set_settings(const std::string& sku, const std::string& warehouse_code,
                                     const boost::json::value& body);
  void set_sku_threshold(const std::string& sku, const boost::json::value& body);
  // Newest first, below the movement id `before` when given.
  std::vector<stock_store::Movement> history(const std::string& sku, const std::string& warehouse_code,
                                             std::optional<std::int64_t> before, std::size_t limit);
  // Sets on-hand counts, one {sku, warehouse, on_hand} per line (CSV with that header, or NDJSON),
  // each through an adjust movement; bad lines are reported, good ones land.
  ImportReport import(const std::string& text, bool csv, const std::string& actor);

 private:
  // Sets (on_hand given) or changes (delta given) one row inside its own transaction.
  stock_store::StockRow apply(const std::string& sku, const std::string& warehouse_code, const std::string& kind,
                              std::optional<std::int64_t> delta, std::optional<std::int64_t> on_hand,
                              const std::string& actor, const std::string& reason);
  std::string warehouse_id(const std::string& code);

  Database& db_;
  const Clock& clock_;
  AvailabilityCache& cache_;
  std::function<bool(const std::string&)> sku_exists_;
};

}  // namespace agora::inventory
