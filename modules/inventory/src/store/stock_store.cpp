#include "store/stock_store.hpp"

#include <agora/core/prepared.hpp>
#include <boost/json.hpp>

namespace agora::inventory::stock_store {
namespace {

#define AGORA_INV_STOCK_ROWS                                                                                       \
  "SELECT s.sku, s.warehouse_id, w.code AS warehouse_code, w.region, w.priority, w.active, s.on_hand, s.reserved," \
  " s.safety_stock, s.low_stock_threshold, s.updated_at"                                                           \
  " FROM inventory.stock s JOIN inventory.warehouses w ON w.id = s.warehouse_id"                                   \
  " WHERE s.sku = ANY ($1::text[]) ORDER BY s.sku, s.warehouse_id"

}  // namespace

void ensure(soci::session& sql, const std::string& sku, const std::string& warehouse_id, Timestamp now) {
  prepared::run(
      sql, "INSERT INTO inventory.stock (sku, warehouse_id, updated_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
      {sku, warehouse_id, now});
}

std::vector<StockRow> lock(soci::session& sql, const std::vector<std::string>& skus) {
  return prepared::run(sql, AGORA_INV_STOCK_ROWS " FOR UPDATE OF s", {skus}).all<StockRow>();
}

std::vector<StockRow> read(soci::session& sql, const std::vector<std::string>& skus) {
  return prepared::run(sql, AGORA_INV_STOCK_ROWS, {skus}).all<StockRow>();
}

std::vector<std::string> move(soci::session& sql, const std::vector<Movement>& moves) {
  boost::json::array rows;
  std::vector<std::string> skus;  // the rows' SKUs again, so that the rows are found by index
  for (const auto& m : moves) {
    skus.push_back(m.sku);
    boost::json::value reservation = nullptr;
    if (m.reservation_id) reservation = *m.reservation_id;
    rows.push_back({{"sku", m.sku},
                    {"warehouse_id", m.warehouse_id},
                    {"kind", m.kind},
                    {"on_hand_delta", m.on_hand_delta},
                    {"reserved_delta", m.reserved_delta},
                    {"reservation_id", reservation},
                    {"actor", m.actor},
                    {"reason", m.reason},
                    {"created_at", prepared::timestamptz_text(m.created_at)}});
  }
  // One statement: each row changes once by the sum of its deltas, and the ledger rows exist exactly
  // for the stock rows that changed, in the order given. The threshold check runs after the rows
  // were locked, so it sees a threshold whose setter held them before.
  const auto found = prepared::run(
      sql,
      "WITH m AS (SELECT * FROM ROWS FROM (jsonb_to_recordset($1) AS (sku text, warehouse_id uuid, kind text,"
      " on_hand_delta bigint, reserved_delta bigint, reservation_id uuid, actor text, reason text,"
      " created_at timestamptz)) WITH ORDINALITY AS x(sku, warehouse_id, kind, on_hand_delta, reserved_delta,"
      " reservation_id, actor, reason, created_at, n)),"
      " d AS (SELECT sku, warehouse_id, sum(on_hand_delta)::bigint AS on_hand_delta,"
      " sum(reserved_delta)::bigint AS reserved_delta,"
      " max(created_at) AS at FROM m GROUP BY sku, warehouse_id),"
      " changed AS (UPDATE inventory.stock s SET on_hand = s.on_hand + d.on_hand_delta,"
      " reserved = s.reserved + d.reserved_delta, updated_at = d.at FROM d"
      " WHERE s.sku = d.sku AND s.warehouse_id = d.warehouse_id AND s.sku = ANY ($2::text[])"
      " RETURNING s.sku, s.warehouse_id, s.low_stock_threshold IS NOT NULL AS thresholded),"
      " ledger AS (INSERT INTO inventory.movements (sku, warehouse_id, kind, on_hand_delta, reserved_delta,"
      " reservation_id, actor, reason, created_at) SELECT m.sku, m.warehouse_id, m.kind, m.on_hand_delta,"
      " m.reserved_delta, m.reservation_id, m.actor, m.reason, m.created_at"
      " FROM m JOIN changed c ON c.sku = m.sku AND c.warehouse_id = m.warehouse_id ORDER BY m.n)"
      " SELECT DISTINCT c.sku FROM changed c WHERE c.thresholded"
      " OR EXISTS (SELECT 1 FROM inventory.sku_thresholds t WHERE t.sku = c.sku)",
      {boost::json::serialize(rows), skus});
  std::vector<std::string> thresholded;
  for (int i = 0; i < found.size(); ++i) thresholded.push_back(found.get<std::string>(i, "sku"));
  return thresholded;
}

void set_settings(soci::session& sql, const std::string& sku, const std::string& warehouse_id,
                  std::optional<std::int64_t> safety_stock, bool set_threshold, std::optional<std::int64_t> threshold) {
  prepared::run(sql,
                "UPDATE inventory.stock SET safety_stock = COALESCE($3::bigint, safety_stock),"
                " low_stock_threshold = CASE WHEN $4::boolean THEN $5::bigint ELSE low_stock_threshold END,"
                " low_alerted = CASE WHEN $4::boolean THEN false ELSE low_alerted END"
                " WHERE sku = $1 AND warehouse_id = $2",
                {sku, warehouse_id, safety_stock, set_threshold, threshold});
}

void set_sku_threshold(soci::session& sql, const std::string& sku, std::optional<std::int64_t> threshold) {
  if (!threshold) {
    prepared::run(sql, "DELETE FROM inventory.sku_thresholds WHERE sku = $1", {sku});
    return;
  }
  prepared::run(sql,
                "INSERT INTO inventory.sku_thresholds (sku, threshold) VALUES ($1, $2)"
                " ON CONFLICT (sku) DO UPDATE SET threshold = excluded.threshold, low_alerted = false",
                {sku, *threshold});
}

std::vector<LowStock> crossings(soci::session& sql, const std::vector<std::string>& skus) {
  // One statement: row flags, then SKU flags from totals (the snapshot sees this transaction's changes).
  return prepared::run(
             sql,
             "WITH rows AS (UPDATE inventory.stock SET low_alerted = (on_hand - reserved < low_stock_threshold)"
             " WHERE sku = ANY ($1::text[]) AND low_stock_threshold IS NOT NULL"
             " AND low_alerted <> (on_hand - reserved < low_stock_threshold)"
             " RETURNING sku, warehouse_id, low_alerted, on_hand - reserved AS available,"
             " low_stock_threshold AS threshold),"
             " totals AS (SELECT t.sku, t.threshold, COALESCE(sum(s.on_hand - s.reserved), 0)::bigint AS available"
             " FROM inventory.sku_thresholds t LEFT JOIN inventory.stock s ON s.sku = t.sku"
             " WHERE t.sku = ANY ($1::text[]) GROUP BY t.sku, t.threshold),"
             " skus AS (UPDATE inventory.sku_thresholds t SET low_alerted = (a.available < a.threshold)"
             " FROM totals a WHERE t.sku = a.sku AND t.low_alerted <> (a.available < a.threshold)"
             " RETURNING t.sku, t.low_alerted, a.available, t.threshold)"
             " SELECT sku, warehouse_id, available, threshold FROM rows WHERE low_alerted"
             " UNION ALL SELECT sku, NULL, available, threshold FROM skus WHERE low_alerted",
             {skus})
      .all<LowStock>();
}

std::vector<Movement> history(soci::session& sql, const std::string& sku,
                              const std::optional<std::string>& warehouse_id, std::optional<std::int64_t> before,
                              std::size_t limit) {
  return prepared::run(
             sql,
             "SELECT id, sku, warehouse_id, kind, on_hand_delta, reserved_delta, reservation_id, actor, reason,"
             " created_at FROM inventory.movements WHERE ($1 = '' OR sku = $1)"
             " AND ($2::uuid IS NULL OR warehouse_id = $2) AND ($3::bigint IS NULL OR id < $3)"
             " ORDER BY id DESC LIMIT $4",
             {sku, warehouse_id, before, static_cast<std::int64_t>(limit)})
      .all<Movement>();
}

}  // namespace agora::inventory::stock_store
