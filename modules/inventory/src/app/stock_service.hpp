#pragma once
// Admin use cases on stock: receive, adjust and return (each a ledger movement), safety stock and
// low-stock thresholds, movement history, and bulk import of on-hand counts.
#include "app/availability_cache.hpp"
#include "domain/stock.hpp"

#include <agora/core/clock.hpp>
#include <agora/core/error.hpp>
#include <agora/core/import_report.hpp>

#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace agora {
class Database;
}

namespace agora::inventory {

// A stock change an operator makes: receive and return add, adjust adds or removes.
struct StockChange {
  std::string sku;
  std::string warehouse;  // code
  std::string kind;       // receive, adjust, return
  std::int64_t quantity = 0;
  std::string reason;
};

// Safety stock and the per-warehouse low-stock threshold of one stock row; what is not given stays.
struct StockSettings {
  std::optional<std::int64_t> safety_stock;
  bool threshold_given = false;
  std::optional<std::int64_t> low_stock_threshold;  // nullopt (when given): none
};

// One line of an import: the on-hand count of a SKU in a warehouse (code), or why the line was refused.
struct StockCount {
  std::string sku;
  std::string warehouse;
  std::int64_t on_hand = 0;
};
struct ImportLine {
  std::size_t number = 0;  // from 1
  std::variant<StockCount, Error> count;
};

class StockService {
 public:
  StockService(Database& db, const Clock& clock, AvailabilityCache& cache,
               std::function<bool(const std::string&)> sku_exists);

  // A receive, adjust or return; answers the stock row after it. Error{conflict} when an
  // adjustment would leave less on hand than is reserved.
  StockRow change(const StockChange& c, const std::string& actor);
  // Error{not_found} for a SKU or warehouse (code) that does not exist, in these three.
  std::vector<StockRow> rows(const std::string& sku);
  StockRow set_settings(const std::string& sku, const std::string& warehouse_code, const StockSettings& s);
  // threshold over all warehouses of the SKU; nullopt removes it.
  void set_sku_threshold(const std::string& sku, std::optional<std::int64_t> threshold);
  // Newest first, below the movement id `before` when given; Error{validation} naming warehouse
  // for a code that is none.
  std::vector<Movement> history(const std::string& sku, const std::string& warehouse_code,
                                std::optional<std::int64_t> before, std::size_t limit);
  // Sets on-hand counts, each through an adjust movement; bad lines are reported, good ones land.
  ImportReport import(const std::vector<ImportLine>& lines, const std::string& actor);

 private:
  // Sets (on_hand given) or changes (delta given) one row inside its own transaction.
  StockRow apply(const std::string& sku, const std::string& warehouse_code, const std::string& kind,
                 std::optional<std::int64_t> delta, std::optional<std::int64_t> on_hand, const std::string& actor,
                 const std::string& reason);
  bool known_sku(const std::string& sku) const;
  std::optional<std::string> warehouse_id(const std::string& code);  // nullopt: no warehouse has the code
  // The id of a warehouse a body or query names by code: Error{validation} naming warehouse otherwise.
  std::string warehouse_field(const std::string& code);

  Database& db_;
  const Clock& clock_;
  AvailabilityCache& cache_;
  std::function<bool(const std::string&)> sku_exists_;
};

}  // namespace agora::inventory
