#include "store/stock_store.hpp"

#include <agora/core/prepared.hpp>
#include <agora/core/sql_values.hpp>
#include <boost/json.hpp>
#include <soci/soci.h>

namespace agora::inventory::stock_store {
namespace {

#define AGORA_INV_STOCK_ROWS                                                                                 \
  "SELECT s.sku, CAST(s.warehouse_id AS text), w.code, w.region, w.priority, w.active, s.on_hand, s.reserved,"     \
  " s.safety_stock, s.low_stock_threshold, " AGORA_US("s.updated_at")                                             \
  " FROM inventory.stock s JOIN inventory.warehouses w ON w.id = s.warehouse_id"                                  \
  " WHERE s.sku = ANY (CAST($1 AS text[])) ORDER BY s.sku, s.warehouse_id"

std::vector<StockRow> rows(soci::session& sql, const std::vector<std::string>& skus, std::string_view statement) {
  const auto found = prepared::run(sql, statement, {prepared::Param(skus)});
  std::vector<StockRow> out;
  for (int i = 0; i < found.size(); ++i) {
    StockRow s;
    s.sku = found.text(i, 0);
    s.warehouse_id = found.text(i, 1);
    s.warehouse_code = found.text(i, 2);
    s.region = found.text(i, 3);
    s.priority = static_cast<int>(found.get<std::int64_t>(i, 4));
    s.active = found.get<bool>(i, 5);
    s.on_hand = found.get<std::int64_t>(i, 6);
    s.reserved = found.get<std::int64_t>(i, 7);
    s.safety_stock = found.get<std::int64_t>(i, 8);
    if (!found.null(i, 9)) s.low_stock_threshold = found.get<std::int64_t>(i, 9);
    s.updated_at = from_micros(found.get<std::int64_t>(i, 10));
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

void ensure(soci::session& sql, const std::string& sku, const std::string& warehouse_id, Timestamp now) {
  const long long at = micros(now);
  sql << "INSERT INTO inventory.stock (sku, warehouse_id, updated_at) VALUES (:sku, CAST(:w AS uuid), " AGORA_TS(":at")
         ") ON CONFLICT DO NOTHING",
      soci::use(sku), soci::use(warehouse_id), soci::use(at);
}

std::vector<StockRow> lock(soci::session& sql, const std::vector<std::string>& skus) {
  return rows(sql, skus, AGORA_INV_STOCK_ROWS " FOR UPDATE OF s");
}

std::vector<StockRow> read(soci::session& sql, const std::vector<std::string>& skus) {
  return rows(sql, skus, AGORA_INV_STOCK_ROWS);
}

std::vector<std::string> move(soci::session& sql, const std::vector<Movement>& moves) {
  boost::json::array rows;
  std::vector<std::string> skus;  // the rows' SKUs again, so that the rows are found by index
  for (const auto& m : moves) {
    skus.push_back(m.sku);
    boost::json::value reservation = nullptr;
    if (m.reservation_id) reservation = *m.reservation_id;
    rows.push_back({{"sku", m.sku}, {"w", m.warehouse_id}, {"kind", m.kind}, {"oh", m.on_hand_delta},
                    {"rs", m.reserved_delta}, {"r", reservation}, {"actor", m.actor}, {"reason", m.reason},
                    {"at", micros(m.created_at)}});
  }
  // One statement: each row changes once by the sum of its deltas, and the ledger rows exist exactly
  // for the stock rows that changed, in the order given. The threshold check runs after the rows
  // were locked, so it sees a threshold whose setter held them before.
  const auto found = prepared::run(
      sql,
      "WITH m AS (SELECT * FROM ROWS FROM (jsonb_to_recordset(CAST($1 AS jsonb)) AS (sku text, w uuid, kind text,"
      " oh bigint, rs bigint, r uuid, actor text, reason text, at bigint)) WITH ORDINALITY"
      " AS x(sku, w, kind, oh, rs, r, actor, reason, at, n)),"
      " d AS (SELECT sku, w, CAST(sum(oh) AS bigint) AS oh, CAST(sum(rs) AS bigint) AS rs, max(at) AS at"
      " FROM m GROUP BY sku, w),"
      " changed AS (UPDATE inventory.stock s SET on_hand = s.on_hand + d.oh, reserved = s.reserved + d.rs,"
      " updated_at = " AGORA_TS("d.at") " FROM d WHERE s.sku = d.sku AND s.warehouse_id = d.w AND s.sku = ANY (CAST($2 AS text[]))"
      " RETURNING s.sku, s.warehouse_id, s.low_stock_threshold IS NOT NULL AS thresholded),"
      " ledger AS (INSERT INTO inventory.movements (sku, warehouse_id, kind, on_hand_delta, reserved_delta,"
      " reservation_id, actor, reason, created_at) SELECT m.sku, m.w, m.kind, m.oh, m.rs, m.r, m.actor,"
      " m.reason, " AGORA_TS("m.at") " FROM m JOIN changed c ON c.sku = m.sku AND c.warehouse_id = m.w"
      " ORDER BY m.n)"
      " SELECT DISTINCT c.sku FROM changed c WHERE c.thresholded"
      " OR EXISTS (SELECT 1 FROM inventory.sku_thresholds t WHERE t.sku = c.sku)",
      {boost::json::serialize(rows), prepared::Param(skus)});
  std::vector<std::string> thresholded;
  for (int i = 0; i < found.size(); ++i) thresholded.emplace_back(found.text(i, 0));
  return thresholded;
}

void set_settings(soci::session& sql, const std::string& sku, const std::string& warehouse_id,
                  std::optional<std::int64_t> safety_stock, bool set_threshold, std::optional<std::int64_t> threshold) {
  const long long safety = safety_stock.value_or(0);
  auto safety_ind = safety_stock ? soci::i_ok : soci::i_null;
  const int set = set_threshold ? 1 : 0;
  const long long t = threshold.value_or(0);
  auto t_ind = threshold ? soci::i_ok : soci::i_null;
  sql << "UPDATE inventory.stock SET safety_stock = COALESCE(:safety, safety_stock),"
         " low_stock_threshold = CASE WHEN :set1 = 1 THEN :t ELSE low_stock_threshold END,"
         " low_alerted = CASE WHEN :set2 = 1 THEN false ELSE low_alerted END"
         " WHERE sku = :sku AND warehouse_id = CAST(:w AS uuid)",
      soci::use(safety, safety_ind, "safety"), soci::use(set, "set1"), soci::use(t, t_ind, "t"), soci::use(set, "set2"),
      soci::use(sku, "sku"), soci::use(warehouse_id, "w");
}

void set_sku_threshold(soci::session& sql, const std::string& sku, std::optional<std::int64_t> threshold) {
  if (!threshold) {
    sql << "DELETE FROM inventory.sku_thresholds WHERE sku = :sku", soci::use(sku);
    return;
  }
  const long long t = *threshold;
  sql << "INSERT INTO inventory.sku_thresholds (sku, threshold) VALUES (:sku, :t)"
         " ON CONFLICT (sku) DO UPDATE SET threshold = excluded.threshold, low_alerted = false",
      soci::use(sku, "sku"), soci::use(t, "t");
}

std::vector<LowStock> crossings(soci::session& sql, const std::vector<std::string>& skus) {
  // One statement: row flags, then SKU flags from totals (the snapshot sees this transaction's changes).
  const auto found = prepared::run(
      sql,
      "WITH rows AS (UPDATE inventory.stock SET low_alerted = (on_hand - reserved < low_stock_threshold)"
      " WHERE sku = ANY (CAST($1 AS text[])) AND low_stock_threshold IS NOT NULL"
      " AND low_alerted <> (on_hand - reserved < low_stock_threshold)"
      " RETURNING sku, CAST(warehouse_id AS text) AS warehouse_id, low_alerted,"
      " on_hand - reserved AS available, low_stock_threshold AS threshold),"
      " totals AS (SELECT t.sku, t.threshold, CAST(COALESCE(sum(s.on_hand - s.reserved), 0) AS bigint)"
      " AS available FROM inventory.sku_thresholds t LEFT JOIN inventory.stock s ON s.sku = t.sku"
      " WHERE t.sku = ANY (CAST($1 AS text[])) GROUP BY t.sku, t.threshold),"
      " skus AS (UPDATE inventory.sku_thresholds t SET low_alerted = (a.available < a.threshold)"
      " FROM totals a WHERE t.sku = a.sku AND t.low_alerted <> (a.available < a.threshold)"
      " RETURNING t.sku, t.low_alerted, a.available, t.threshold)"
      " SELECT sku, warehouse_id, available, threshold FROM rows WHERE low_alerted"
      " UNION ALL SELECT sku, NULL, available, threshold FROM skus WHERE low_alerted",
      {prepared::Param(skus)});
  std::vector<LowStock> out;
  for (int i = 0; i < found.size(); ++i) {
    LowStock low{std::string(found.text(i, 0)), std::nullopt, found.get<std::int64_t>(i, 2), found.get<std::int64_t>(i, 3)};
    if (!found.null(i, 1)) low.warehouse_id = found.text(i, 1);
    out.push_back(std::move(low));
  }
  return out;
}

std::vector<Movement> history(soci::session& sql, const std::string& sku, const std::optional<std::string>& warehouse_id,
                              std::optional<std::int64_t> before, std::size_t limit) {
  auto warehouse = nullable(warehouse_id);
  const long long b = before.value_or(0);
  soci::indicator b_ind = before ? soci::i_ok : soci::i_null;
  const long long n = static_cast<long long>(limit);
  std::vector<Movement> out;
  // Every parameter typed: an untyped one is inferred from its context (":b1 = 0" made the cursor an
  // integer, and a cursor of 2^31 or more an error).
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT id, sku, CAST(warehouse_id AS text), kind, on_hand_delta, reserved_delta,"
                      " CAST(reservation_id AS text), actor, reason, " AGORA_US("created_at")
                      " FROM inventory.movements WHERE (CAST(:sku1 AS text) = '' OR sku = CAST(:sku2 AS text))"
                      " AND (CAST(:w1 AS uuid) IS NULL OR warehouse_id = CAST(:w2 AS uuid))"
                      " AND (CAST(:b1 AS bigint) IS NULL OR id < CAST(:b2 AS bigint))"
                      " ORDER BY id DESC LIMIT CAST(:n AS bigint)",
       soci::use(sku, "sku1"), soci::use(sku, "sku2"), soci::use(warehouse.value, warehouse.ind, "w1"),
       soci::use(warehouse.value, warehouse.ind, "w2"), soci::use(b, b_ind, "b1"), soci::use(b, b_ind, "b2"),
       soci::use(n, "n"));
  for (const auto& r : rs) {
    Movement m;
    m.id = r.get<long long>(0);
    m.sku = r.get<std::string>(1);
    m.warehouse_id = r.get<std::string>(2);
    m.kind = r.get<std::string>(3);
    m.on_hand_delta = r.get<long long>(4);
    m.reserved_delta = r.get<long long>(5);
    if (r.get_indicator(6) != soci::i_null) m.reservation_id = r.get<std::string>(6);
    m.actor = r.get<std::string>(7);
    m.reason = r.get<std::string>(8);
    m.created_at = from_micros(r.get<long long>(9));
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace agora::inventory::stock_store
