#include "app/stock_service.hpp"

#include "app/stock_events.hpp"
#include "store/warehouse_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/fields.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <sstream>

namespace agora::inventory {
namespace {

constexpr std::int64_t kMaxQuantity = 1'000'000'000;

void check_sku(const std::function<bool(const std::string&)>& sku_exists, const std::string& sku) {
  if (!valid_sku(sku) || !sku_exists(sku))
    throw Error(ErrorKind::validation, "unknown SKU", {{"sku", "is not a SKU of the catalog"}});
}

struct ImportLine {
  std::string sku;
  std::string warehouse;
  std::int64_t on_hand = 0;
};

ImportLine csv_line(const std::string& line) {
  std::vector<std::string> cells;
  std::istringstream in(line);
  for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
  if (cells.size() != 3) throw Error(ErrorKind::validation, "a line is sku,warehouse,on_hand");
  std::int64_t on_hand = -1;
  const auto& n = cells[2];
  if (!n.empty() && n.size() <= 10 && std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; }))
    on_hand = std::stoll(n);
  if (on_hand < 0 || on_hand > kMaxQuantity)
    throw Error(ErrorKind::validation, "invalid line", {{"on_hand", "is a whole number from 0"}});
  return {cells[0], cells[1], on_hand};
}

ImportLine ndjson_line(const std::string& line) {
  boost::system::error_code ec;
  const auto v = boost::json::parse(line, ec);
  if (ec) throw Error(ErrorKind::bad_request, "not a JSON object");
  Fields f(v);
  ImportLine out{f.text("sku", 64, true).value_or(""), f.text("warehouse", 32, true).value_or(""),
                 f.integer("on_hand", 0, kMaxQuantity, true).value_or(0)};
  f.finish({"sku", "warehouse", "on_hand"}, "invalid line");
  return out;
}

}  // namespace

StockService::StockService(Database& db, const Clock& clock, AvailabilityCache& cache,
                           std::function<bool(const std::string&)> sku_exists)
    : db_(db), clock_(clock), cache_(cache), sku_exists_(std::move(sku_exists)) {}

std::string StockService::warehouse_id(const std::string& code) {
  auto conn = db_.acquire();
  const auto w = warehouse_store::by_code(*conn, code);
  if (!w) throw Error(ErrorKind::validation, "unknown warehouse", {{"warehouse", "is not a warehouse code"}});
  return w->id;
}

stock_store::StockRow StockService::apply(const std::string& sku, const std::string& warehouse_code,
                                          const std::string& kind, std::optional<std::int64_t> delta,
                                          std::optional<std::int64_t> on_hand, const std::string& actor,
                                          const std::string& reason) {
  check_sku(sku_exists_, sku);
  const auto warehouse = warehouse_id(warehouse_code);
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
                  {{"quantity", std::to_string(before.reserved) + " reserved, " + std::to_string(before.on_hand) +
                                    " on hand"}});
    if (change != 0) {
      const stock_store::Movement m{0, sku, warehouse, kind, change, 0, std::nullopt, actor, reason, now};
      const auto thresholded = stock_store::move(tx.sql(), {m});
      shift(rows, m);
      publish_stock_change(tx, {sku}, rows, kind, thresholded, cache_);
    }
    return row();
  });
}

stock_store::StockRow StockService::change(const boost::json::value& body, const std::string& actor) {
  const auto c = parse_stock_change(body);
  return apply(c.sku, c.warehouse, c.kind, c.quantity, std::nullopt, actor, c.reason);
}

std::vector<stock_store::StockRow> StockService::rows(const std::string& sku) {
  if (!valid_sku(sku)) throw Error(ErrorKind::validation, "invalid SKU", {{"sku", "is not a SKU"}});
  auto conn = db_.acquire();
  return stock_store::read(*conn, {sku});
}

stock_store::StockRow StockService::set_settings(const std::string& sku, const std::string& warehouse_code,
                                                 const boost::json::value& body) {
  const auto s = parse_stock_settings(body);
  check_sku(sku_exists_, sku);
  const auto warehouse = warehouse_id(warehouse_code);
  return db_.transact([&](Tx& tx) {
    stock_store::ensure(tx.sql(), sku, warehouse, clock_.now());
    stock_store::lock(tx.sql(), {sku});
    stock_store::set_settings(tx.sql(), sku, warehouse, s.safety_stock, s.threshold_given, s.low_stock_threshold);
    const auto rows = stock_store::read(tx.sql(), {sku});
    publish_stock_change(tx, {sku}, rows, "settings", {sku}, cache_);
    return *std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.warehouse_id == warehouse; });
  });
}

void StockService::set_sku_threshold(const std::string& sku, const boost::json::value& body) {
  const auto threshold = parse_sku_threshold(body);
  check_sku(sku_exists_, sku);
  db_.transact([&](Tx& tx) {
    const auto rows = stock_store::lock(tx.sql(), {sku});
    stock_store::set_sku_threshold(tx.sql(), sku, threshold);
    publish_stock_change(tx, {sku}, rows, "settings", {sku}, cache_);
  });
}

std::vector<stock_store::Movement> StockService::history(const std::string& sku, const std::string& warehouse_code,
                                                         std::optional<std::int64_t> before, std::size_t limit) {
  const auto warehouse = warehouse_code.empty() ? std::nullopt : std::optional(warehouse_id(warehouse_code));
  auto conn = db_.acquire();
  return stock_store::history(*conn, sku, warehouse, before, limit);
}

ImportReport StockService::import(const std::string& text, bool csv, const std::string& actor) {
  ImportReport report;
  std::istringstream in(text);
  std::size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || (csv && number == 1 && line == "sku,warehouse,on_hand")) continue;
    try {
      const auto l = csv ? csv_line(line) : ndjson_line(line);
      apply(l.sku, l.warehouse, "adjust", std::nullopt, l.on_hand, actor, "import");
      ++report.imported;
    } catch (const Error& e) {
      report.failed.emplace_back(number, e);
    }
  }
  return report;
}

}  // namespace agora::inventory
