#include "store/reservation_store.hpp"

#include <agora/core/sql_values.hpp>
#include <soci/soci.h>

namespace agora::inventory::reservation_store {
namespace {

constexpr int kCallerLockClass = 0x696e7601;  // "inv\1"

}  // namespace

bool insert(soci::session& sql, const Reservation& r, const Origin& origin) {
  auto order = nullable(origin.order_id);
  const std::string status(to_string(r.status));
  const long long expires = micros(r.expires_at);
  const long long created = micros(r.created_at);
  std::string id;
  soci::indicator ind = soci::i_null;
  sql << "INSERT INTO inventory.reservations (id, order_id, caller, status, expires_at,"
         " created_at, updated_at) VALUES (CAST(:id AS uuid), :order_id, :caller, :status, "
         AGORA_TS(":expires") ", " AGORA_TS(":created") ", " AGORA_TS(":updated")
         ") ON CONFLICT DO NOTHING RETURNING CAST(id AS text)",
      soci::use(r.id, "id"), soci::use(order.value, order.ind, "order_id"), soci::use(origin.caller, "caller"),
      soci::use(status, "status"),
      soci::use(expires, "expires"), soci::use(created, "created"), soci::use(created, "updated"),
      soci::into(id, ind);
  if (ind == soci::i_null || id.empty()) return false;
  for (const auto& l : r.lines) {
    const long long quantity = l.quantity;
    sql << "INSERT INTO inventory.reservation_lines (reservation_id, sku, warehouse_id, quantity)"
           " VALUES (CAST(:r AS uuid), :sku, CAST(:w AS uuid), :q)",
        soci::use(r.id, "r"), soci::use(l.sku, "sku"), soci::use(l.warehouse_id, "w"), soci::use(quantity, "q");
  }
  return true;
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
  Reservation r;
  std::string status;
  long long expires = 0;
  long long created = 0;
  long long updated = 0;
  std::string order;
  soci::indicator order_ind = soci::i_null;
  sql << std::string("SELECT CAST(id AS text), order_id, status, " AGORA_US("expires_at") ", " AGORA_US("created_at")
                     ", " AGORA_US("updated_at") " FROM inventory.reservations WHERE id = CAST(:id AS uuid)") +
             (for_update ? " FOR UPDATE" : ""),
      soci::use(id), soci::into(r.id), soci::into(order, order_ind), soci::into(status), soci::into(expires),
      soci::into(created), soci::into(updated);
  if (!sql.got_data()) return std::nullopt;
  if (order_ind != soci::i_null) r.order_id = order;
  r.status = parse_status(status);
  r.expires_at = from_micros(expires);
  r.created_at = from_micros(created);
  r.updated_at = from_micros(updated);
  soci::rowset<soci::row> rs = (sql.prepare << "SELECT sku, CAST(warehouse_id AS text), quantity"
                                               " FROM inventory.reservation_lines WHERE reservation_id = CAST(:id AS uuid)"
                                               " ORDER BY sku, warehouse_id",
                                soci::use(id));
  for (const auto& row : rs) r.lines.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<long long>(2)});
  return r;
}

void set_status(soci::session& sql, const std::string& id, Status status, Timestamp now) {
  const std::string s(to_string(status));
  const long long at = micros(now);
  sql << "UPDATE inventory.reservations SET status = :s, updated_at = " AGORA_TS(":at") " WHERE id = CAST(:id AS uuid)",
      soci::use(s, "s"), soci::use(at, "at"), soci::use(id, "id");
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
