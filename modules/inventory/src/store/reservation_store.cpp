#include "store/reservation_store.hpp"

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
  const auto heads_json = boost::json::serialize(heads);
  const auto lines_json = boost::json::serialize(lines);
  long long inserted = 0;
  sql << "WITH r AS (INSERT INTO inventory.reservations (id, order_id, caller, status, expires_at, created_at, updated_at)"
         " SELECT x.id, x.order_id, x.caller, x.status, " AGORA_TS("x.expires") ", " AGORA_TS("x.created") ", "
         AGORA_TS("x.updated") " FROM jsonb_to_recordset(CAST(:h AS jsonb)) AS x(id uuid, order_id text, caller text,"
         " status text, expires bigint, created bigint, updated bigint) ON CONFLICT DO NOTHING RETURNING id),"
         " l AS (INSERT INTO inventory.reservation_lines (reservation_id, sku, warehouse_id, quantity)"
         " SELECT y.r, y.sku, y.w, y.q FROM jsonb_to_recordset(CAST(:l AS jsonb)) AS y(r uuid, sku text, w uuid, q bigint)"
         " WHERE y.r IN (SELECT id FROM r))"
         " SELECT count(*) FROM r",
      soci::use(heads_json, "h"), soci::use(lines_json, "l"), soci::into(inserted);
  return inserted == static_cast<long long>(rs.size());
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

std::vector<Reservation> load(soci::session& sql, const std::vector<std::string>& ids, bool for_update) {
  const auto list = boost::json::serialize(boost::json::array(ids.begin(), ids.end()));
  std::vector<Reservation> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << std::string("SELECT CAST(r.id AS text), r.order_id, r.status, " AGORA_US("r.expires_at") ", "
                                  AGORA_US("r.created_at") ", " AGORA_US("r.updated_at") ", l.sku,"
                                  " CAST(l.warehouse_id AS text), l.quantity FROM inventory.reservations r"
                                  " LEFT JOIN inventory.reservation_lines l ON l.reservation_id = r.id"
                                  " WHERE r.id IN (SELECT CAST(jsonb_array_elements_text(CAST(:ids AS jsonb)) AS uuid))"
                                  " ORDER BY r.id, l.sku, l.warehouse_id") +
                          (for_update ? " FOR UPDATE OF r" : ""),
       soci::use(list, "ids"));
  for (const auto& row : rs) {
    const auto id = row.get<std::string>(0);
    if (out.empty() || out.back().id != id) {
      Reservation r;
      r.id = id;
      if (row.get_indicator(1) != soci::i_null) r.order_id = row.get<std::string>(1);
      r.status = parse_status(row.get<std::string>(2));
      r.expires_at = from_micros(row.get<long long>(3));
      r.created_at = from_micros(row.get<long long>(4));
      r.updated_at = from_micros(row.get<long long>(5));
      out.push_back(std::move(r));
    }
    if (row.get_indicator(6) != soci::i_null)
      out.back().lines.push_back({row.get<std::string>(6), row.get<std::string>(7), row.get<long long>(8)});
  }
  return out;
}

void set_status(soci::session& sql, const std::vector<Reservation>& rs) {
  boost::json::array rows;
  for (const auto& r : rs) rows.push_back({{"id", r.id}, {"status", to_string(r.status)}, {"at", micros(r.updated_at)}});
  const auto json = boost::json::serialize(rows);
  sql << "UPDATE inventory.reservations r SET status = x.status, updated_at = " AGORA_TS("x.at")
         " FROM jsonb_to_recordset(CAST(:s AS jsonb)) AS x(id uuid, status text, at bigint) WHERE r.id = x.id",
      soci::use(json, "s");
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
