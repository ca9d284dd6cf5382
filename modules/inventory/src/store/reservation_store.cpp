#include "store/reservation_store.hpp"

#include <agora/core/prepared.hpp>
#include <agora/core/sql_values.hpp>
#include <boost/json.hpp>
#include <soci/soci.h>

namespace agora::inventory::reservation_store {
namespace {

constexpr int kCallerLockClass = 0x696e7601;  // "inv\1"

}  // namespace

bool insert(soci::session& sql, const std::vector<NewReservation>& rs) {
  boost::json::array heads;
  boost::json::array lines;
  for (const auto& [r, origin] : rs) {
    boost::json::value order = nullptr;
    if (origin.order_id) order = *origin.order_id;
    heads.push_back({{"id", r.id}, {"order_id", order}, {"caller", origin.caller}, {"status", to_string(r.status)},
                     {"expires", micros(r.expires_at)}, {"created", micros(r.created_at)},
                     {"updated", micros(r.updated_at)}});
    for (const auto& l : r.lines)
      lines.push_back({{"r", r.id}, {"sku", l.sku}, {"w", l.warehouse_id}, {"q", l.quantity}});
  }
  const auto inserted = prepared::run(
      sql,
      "WITH r AS (INSERT INTO inventory.reservations (id, order_id, caller, status, expires_at, created_at, updated_at)"
      " SELECT x.id, x.order_id, x.caller, x.status, " AGORA_TS("x.expires") ", " AGORA_TS("x.created") ", "
      AGORA_TS("x.updated") " FROM jsonb_to_recordset(CAST($1 AS jsonb)) AS x(id uuid, order_id text, caller text,"
      " status text, expires bigint, created bigint, updated bigint) ON CONFLICT DO NOTHING RETURNING id),"
      " l AS (INSERT INTO inventory.reservation_lines (reservation_id, sku, warehouse_id, quantity)"
      " SELECT y.r, y.sku, y.w, y.q FROM jsonb_to_recordset(CAST($2 AS jsonb)) AS y(r uuid, sku text, w uuid, q bigint)"
      " WHERE y.r IN (SELECT id FROM r))"
      " SELECT count(*) FROM r",
      {boost::json::serialize(heads), boost::json::serialize(lines)});
  return inserted.get<std::int64_t>(0, 0) == static_cast<std::int64_t>(rs.size());
}

std::optional<std::string> find(soci::session& sql, const std::string& order_id) {
  std::string id;
  soci::indicator ind = soci::i_null;
  sql << "SELECT CAST(id AS text) FROM inventory.reservations WHERE order_id = :o", soci::use(order_id),
      soci::into(id, ind);
  if (!sql.got_data() || ind == soci::i_null) return std::nullopt;
  return id;
}

std::optional<Reservation> load(soci::session& sql, const std::string& id, bool for_update) {
  auto found = load(sql, std::vector<std::string>{id}, for_update);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

#define AGORA_INV_RESERVATIONS                                                                                 \
  "SELECT CAST(r.id AS text), r.order_id, r.status, " AGORA_US("r.expires_at") ", " AGORA_US("r.created_at") ", "   \
  AGORA_US("r.updated_at") ", l.sku, CAST(l.warehouse_id AS text), l.quantity FROM inventory.reservations r"        \
  " LEFT JOIN inventory.reservation_lines l ON l.reservation_id = r.id"                                             \
  " WHERE r.id = ANY (CAST($1 AS uuid[]))"                                                                          \
  " ORDER BY r.id, l.sku, l.warehouse_id"

std::vector<Reservation> load(soci::session& sql, const std::vector<std::string>& ids, bool for_update) {
  const auto found = prepared::run(sql, for_update ? AGORA_INV_RESERVATIONS " FOR UPDATE OF r" : AGORA_INV_RESERVATIONS,
                                   {prepared::Param(ids)});
  std::vector<Reservation> out;
  for (int i = 0; i < found.size(); ++i) {
    const auto id = found.text(i, 0);
    if (out.empty() || out.back().id != id) {
      Reservation r;
      r.id = id;
      if (!found.null(i, 1)) r.order_id = found.text(i, 1);
      r.status = parse_status(found.text(i, 2));
      r.expires_at = from_micros(found.get<std::int64_t>(i, 3));
      r.created_at = from_micros(found.get<std::int64_t>(i, 4));
      r.updated_at = from_micros(found.get<std::int64_t>(i, 5));
      out.push_back(std::move(r));
    }
    if (!found.null(i, 6))
      out.back().lines.push_back({std::string(found.text(i, 6)), std::string(found.text(i, 7)), found.get<std::int64_t>(i, 8)});
  }
  return out;
}

void set_status(soci::session& sql, const std::vector<std::string>& ids, Status status, Timestamp at) {
  prepared::run(sql,
                "UPDATE inventory.reservations SET status = $2, updated_at = " AGORA_TS("$3")
                " WHERE id = ANY (CAST($1 AS uuid[]))",
                {prepared::Param(ids), std::string(to_string(status)), std::to_string(micros(at))});
}

void set_expiry(soci::session& sql, const std::string& id, Timestamp expires_at, Timestamp now) {
  const long long expires = micros(expires_at);
  const long long at = micros(now);
  sql << "UPDATE inventory.reservations SET expires_at = " AGORA_TS(":e") ", updated_at = " AGORA_TS(":at")
         " WHERE id = CAST(:id AS uuid)",
      soci::use(expires, "e"), soci::use(at, "at"), soci::use(id, "id");
}

void lock_caller(soci::session& sql, const std::string& caller) {
  sql << "SELECT pg_advisory_xact_lock(CAST(:class AS int), hashtext(CAST(:caller AS text)))",
      soci::use(kCallerLockClass, "class"), soci::use(caller, "caller");
}

std::int64_t held_by(soci::session& sql, const std::string& caller) {
  long long held = 0;
  sql << "SELECT CAST(COALESCE(sum(l.quantity), 0) AS bigint) FROM inventory.reservations r"
         " JOIN inventory.reservation_lines l ON l.reservation_id = r.id"
         " WHERE r.caller = CAST(:caller AS text) AND r.status = 'held'",
      soci::use(caller, "caller"), soci::into(held);
  return held;
}

std::vector<std::string> due(soci::session& sql, Timestamp now, std::size_t limit) {
  const long long at = micros(now);
  const long long n = static_cast<long long>(limit);
  std::vector<std::string> out;
  soci::rowset<std::string> rs = (sql.prepare << "SELECT CAST(id AS text) FROM inventory.reservations"
                                                 " WHERE status = 'held' AND expires_at <= " AGORA_TS(":at")
                                                 " ORDER BY expires_at LIMIT CAST(:n AS bigint)",
                                  soci::use(at, "at"), soci::use(n, "n"));
  for (const auto& id : rs) out.push_back(id);
  return out;
}

}  // namespace agora::inventory::reservation_store
