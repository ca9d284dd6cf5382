#include "app/stock_service.hpp"

#include "app/stock_events.hpp"
#include "domain/lines.hpp"
#include "store/stock_store.hpp"
#include "store/warehouse_store.hpp"

#include <agora/core/db.hpp>

#include <algorithm>

namespace agora::inventory {
namespace {

// A SKU or warehouse named by the path: no such resource when it does not exist.
Error no_sku(const std::string& sku) { return Error(ErrorKind::not_found, "no SKU " + sku + " in the catalog"); }
Error no_warehouse(const std::string& code) {
  return Error(ErrorKind::not_found, "no warehouse with the code " + code);
}

}  // namespace

StockService::StockService(Database& db, const Clock& clock, AvailabilityCache& cache,
                           std::function<bool(const std::string&)> sku_exists)
    : db_(db), clock_(clock), cache_(cache), sku_exists_(std::move(sku_exists)) {}

bool StockService::known_sku(const std::string& sku) const { return valid_sku(sku) && sku_exists_(sku); }

std::optional<std::string> StockService::warehouse_id(const std::string& code) {
  if (!valid_sku(code)) return std::nullopt;  // codes are written as SKUs are
  auto conn = db_.acquire();
  const auto w = warehouse_store::by_code(*conn, code);
  if (!w) return std::nullopt;
  return w->id;
}

std::string StockService::warehouse_field(const std::string& code) {
  auto id = warehouse_id(code);
  if (!id) throw Error(ErrorKind::validation, "unknown warehouse", {{"warehouse", "is not a warehouse code"}});
  return *id;
}

StockRow StockService::apply(const std::string& sku, const std::string& warehouse_code, const std::string& kind,
                             std::optional<std::int64_t> delta, std::optional<std::int64_t> on_hand,
                             const std::string& actor, const std::string& reason) {
  if (!known_sku(sku)) throw Error(ErrorKind::validation, "unknown SKU", {{"sku", "is not a SKU of the catalog"}});
  const auto warehouse = warehouse_field(warehouse_code);
  return db_.transact([&](Tx& tx) {
    const auto now = clock_.now();
    stock_store::ensure(tx.sql(), sku, warehouse, now);
    auto rows = stock_store::lock(tx.sql(), {sku});
    const auto row = [&] {
      return *std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.warehouse_id == warehouse; });
    };
    const auto before = row();
    const auto change = delta ? *delta : *on_hand - before.on_hand;
    if (before.on_hand + change < before.reserved)
      throw Error(ErrorKind::conflict, "less would be on hand than is reserved",
                  {{"quantity",
                    std::to_string(before.reserved) + " reserved, " + std::to_string(before.on_hand) + " on hand"}});
    if (change != 0) {
      const Movement m{0, sku, warehouse, kind, change, 0, std::nullopt, actor, reason, now};
      const auto thresholded = stock_store::move(tx.sql(), {m});
      shift(rows, m);
      publish_stock_change(tx, {sku}, rows, kind, thresholded, cache_);
    }
    return row();
  });
}

StockRow StockService::change(const StockChange& c, const std::string& actor) {
  return apply(c.sku, c.warehouse, c.kind, c.quantity, std::nullopt, actor, c.reason);
}

std::vector<StockRow> StockService::rows(const std::string& sku) {
  if (!known_sku(sku)) throw no_sku(sku);
  auto conn = db_.acquire();
  return stock_store::read(*conn, {sku});
}

StockRow StockService::set_settings(const std::string& sku, const std::string& warehouse_code, const StockSettings& s) {
  if (!known_sku(sku)) throw no_sku(sku);
  const auto warehouse = warehouse_id(warehouse_code);
  if (!warehouse) throw no_warehouse(warehouse_code);
  return db_.transact([&](Tx& tx) {
    stock_store::ensure(tx.sql(), sku, *warehouse, clock_.now());
    stock_store::lock(tx.sql(), {sku});
    stock_store::set_settings(tx.sql(), sku, *warehouse, s.safety_stock, s.threshold_given, s.low_stock_threshold);
    const auto rows = stock_store::read(tx.sql(), {sku});
    publish_stock_change(tx, {sku}, rows, "settings", {sku}, cache_);
    return *std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.warehouse_id == *warehouse; });
  });
}

void StockService::set_sku_threshold(const std::string& sku, std::optional<std::int64_t> threshold) {
  if (!known_sku(sku)) throw no_sku(sku);
  db_.transact([&](Tx& tx) {
    const auto rows = stock_store::lock(tx.sql(), {sku});
    stock_store::set_sku_threshold(tx.sql(), sku, threshold);
    publish_stock_change(tx, {sku}, rows, "settings", {sku}, cache_);
  });
}

std::vector<Movement> StockService::history(const std::string& sku, const std::string& warehouse_code,
                                            std::optional<std::int64_t> before, std::size_t limit) {
  const auto warehouse = warehouse_code.empty() ? std::nullopt : std::optional(warehouse_field(warehouse_code));
  auto conn = db_.acquire();
  return stock_store::history(*conn, sku, warehouse, before, limit);
}

ImportReport StockService::import(const std::vector<ImportLine>& lines, const std::string& actor) {
  ImportReport report;
  for (const auto& [number, count] : lines) {
    if (const auto* refused = std::get_if<Error>(&count)) {
      report.failed.emplace_back(number, *refused);
      continue;
    }
    try {
      const auto& c = std::get<StockCount>(count);
      apply(c.sku, c.warehouse, "adjust", std::nullopt, c.on_hand, actor, "import");
      ++report.imported;
    } catch (const Error& e) {
      report.failed.emplace_back(number, e);
    }
  }
  return report;
}

}  // namespace agora::inventory
