#include "store/reservation_store.hpp"

#include <agora/core/prepared.hpp>
#include <boost/json.hpp>

namespace agora::inventory::reservation_store {
namespace {

constexpr int kCallerLockClass = 0x696e7601;  // "inv\1"

#define AGORA_INV_RESERVATIONS                                                                                     \
  "SELECT r.id, r.order_id, r.status, r.expires_at, r.created_at, r.updated_at, l.sku, l.warehouse_id, l.quantity" \
  " FROM inventory.reservations r LEFT JOIN inventory.reservation_lines l ON l.reservation_id = r.id"              \
  " WHERE r.id = ANY ($1::uuid[]) ORDER BY r.id, l.sku, l.warehouse_id"

}  // namespace

bool insert(soci::session& sql, const std::vector<NewReservation>& rs) {
  boost::json::array heads;
  boost::json::array lines;
  for (const auto& [r, origin] : rs) {
    boost::json::value order = nullptr;
    if (origin.order_id) order = *origin.order_id;
    heads.push_back({{"id", r.id},
                     {"order_id", order},
                     {"caller", origin.caller},
                     {"status", to_string(r.status)},
                     {"expires_at", prepared::timestamptz_text(r.expires_at)},
                     {"created_at", prepared::timestamptz_text(r.created_at)},
                     {"updated_at", prepared::timestamptz_text(r.updated_at)}});
    for (const auto& l : r.lines)
      lines.push_back(
          {{"reservation_id", r.id}, {"sku", l.sku}, {"warehouse_id", l.warehouse_id}, {"quantity", l.quantity}});
  }
  const auto inserted = prepared::run(
      sql,
      "WITH r AS (INSERT INTO inventory.reservations (id, order_id, caller, status, expires_at, created_at, updated_at)"
      " SELECT * FROM jsonb_to_recordset($1) AS x(id uuid, order_id text, caller text, status text,"
      " expires_at timestamptz, created_at timestamptz, updated_at timestamptz) ON CONFLICT DO NOTHING RETURNING id),"
      " l AS (INSERT INTO inventory.reservation_lines (reservation_id, sku, warehouse_id, quantity)"
      " SELECT * FROM jsonb_to_recordset($2) AS y(reservation_id uuid, sku text, warehouse_id uuid, quantity bigint)"
      " WHERE y.reservation_id IN (SELECT id FROM r))"
      " SELECT count(*) AS inserted FROM r",
      {boost::json::serialize(heads), boost::json::serialize(lines)});
  return inserted.get<std::int64_t>(0, "inserted") == static_cast<std::int64_t>(rs.size());
}

std::optional<std::string> find(soci::session& sql, const std::string& order_id) {
  const auto found = prepared::run(sql, "SELECT id FROM inventory.reservations WHERE order_id = $1", {order_id});
  if (found.empty()) return std::nullopt;
  return found.get<std::string>(0, "id");
}

std::optional<Reservation> load(soci::session& sql, const std::string& id, bool for_update) {
  auto found = load(sql, std::vector<std::string>{id}, for_update);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<Reservation> load(soci::session& sql, const std::vector<std::string>& ids, bool for_update) {
  const auto found =
      prepared::run(sql, for_update ? AGORA_INV_RESERVATIONS " FOR UPDATE OF r" : AGORA_INV_RESERVATIONS, {ids});
  std::vector<Reservation> out;
  for (int i = 0; i < found.size(); ++i) {
    if (out.empty() || out.back().id != found.get<std::string>(i, "id")) out.push_back(found.as<Reservation>(i));
    if (!found.null(i, "sku")) out.back().lines.push_back(found.as<Allocation>(i));
  }
  return out;
}

void set_status(soci::session& sql, const std::vector<std::string>& ids, Status status, Timestamp at) {
  prepared::run(sql, "UPDATE inventory.reservations SET status = $2, updated_at = $3 WHERE id = ANY ($1::uuid[])",
                {ids, status, at});
}

void set_expiry(soci::session& sql, const std::string& id, Timestamp expires_at, Timestamp now) {
  prepared::run(sql, "UPDATE inventory.reservations SET expires_at = $2, updated_at = $3 WHERE id = $1",
                {id, expires_at, now});
}

void lock_caller(soci::session& sql, const std::string& caller) {
  prepared::run(sql, "SELECT pg_advisory_xact_lock($1, hashtext($2))", {kCallerLockClass, caller});
}

std::int64_t held_by(soci::session& sql, const std::string& caller) {
  return prepared::run(sql,
                       "SELECT COALESCE(sum(l.quantity), 0) AS held FROM inventory.reservations r"
                       " JOIN inventory.reservation_lines l ON l.reservation_id = r.id"
                       " WHERE r.caller = $1 AND r.status = 'held'",
                       {caller})
      .get<std::int64_t>(0, "held");
}

std::vector<std::string> due(soci::session& sql, Timestamp now, std::size_t limit) {
  const auto found = prepared::run(sql,
                                   "SELECT id FROM inventory.reservations WHERE status = 'held' AND expires_at <= $1"
                                   " ORDER BY expires_at LIMIT $2",
                                   {now, static_cast<std::int64_t>(limit)});
  std::vector<std::string> out;
  for (int i = 0; i < found.size(); ++i) out.push_back(found.get<std::string>(i, "id"));
  return out;
}

bool record_return(soci::session& sql, const std::string& return_id, const std::string& reservation_id, Timestamp at) {
  return prepared::run(sql,
                       "INSERT INTO inventory.order_returns (return_id, reservation_id, at) VALUES ($1, $2, $3)"
                       " ON CONFLICT DO NOTHING",
                       {return_id, reservation_id, at})
             .affected() == 1;
}

}  // namespace agora::inventory::reservation_store
