#pragma once
// SQL on inventory.stock, inventory.movements and inventory.sku_thresholds. Stock changes only
// through move(), which writes the ledger rows in the same statement.
#include "domain/stock.hpp"

#include <agora/core/clock.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace agora::inventory::stock_store {

// Creates the row of a SKU in a warehouse if there is none (zero stock).
void ensure(soci::session& sql, const std::string& sku, const std::string& warehouse_id, Timestamp now);
// Every row of these SKUs, locked FOR UPDATE in (sku, warehouse id) order: whoever changes a SKU
// locks all its rows in this order first, so concurrent changes never deadlock.
std::vector<StockRow> lock(soci::session& sql, const std::vector<std::string>& skus);
// The same rows without locks.
std::vector<StockRow> read(soci::session& sql, const std::vector<std::string>& skus);
// Applies the movements' deltas to their rows and appends the movements, all in one statement. A
// change that would make on_hand or reserved negative, or reserved exceed on_hand, is refused by
// the table's checks. Returns the moved SKUs that have a low-stock threshold (on a row or on the
// SKU): only their flags can change, so only they need crossings().
std::vector<std::string> move(soci::session& sql, const std::vector<Movement>& moves);

void set_settings(soci::session& sql, const std::string& sku, const std::string& warehouse_id,
                  std::optional<std::int64_t> safety_stock, bool set_threshold, std::optional<std::int64_t> threshold);
void set_sku_threshold(soci::session& sql, const std::string& sku, std::optional<std::int64_t> threshold);
// Updates the low-stock flags of these SKUs (rows and totals) and returns the newly crossed ones;
// a flag re-arms when available is back at or above its threshold.
std::vector<LowStock> crossings(soci::session& sql, const std::vector<std::string>& skus);

// Newest first, ids below `before` (nullopt: from the newest); sku filters when not empty, and
// warehouse_id when given.
std::vector<Movement> history(soci::session& sql, const std::string& sku,
                              const std::optional<std::string>& warehouse_id, std::optional<std::int64_t> before,
                              std::size_t limit);

}  // namespace agora::inventory::stock_store
