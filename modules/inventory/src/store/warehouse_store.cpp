#include "store/warehouse_store.hpp"

#include <agora/core/error.hpp>
#include <agora/core/sql_values.hpp>
#include <soci/soci.h>

namespace agora::inventory::warehouse_store {
namespace {

constexpr const char* kColumns =
    "SELECT CAST(id AS text), code, name, region, address, priority, CAST(active AS int), " AGORA_US("created_at") ", "
    AGORA_US("updated_at") " FROM inventory.warehouses ";

Warehouse from(const soci::row& r) {
  return {r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3),
          r.get<std::string>(4), r.get<int>(5),         r.get<int>(6) != 0,     from_micros(r.get<long long>(7)),
          from_micros(r.get<long long>(8))};
}

std::optional<Warehouse> one(soci::session& sql, const std::string& where, const std::string& value) {
  soci::rowset<soci::row> rs = (sql.prepare << kColumns + where, soci::use(value));
  for (const auto& r : rs) return from(r);
  return std::nullopt;
}

}  // namespace

void insert(soci::session& sql, const Warehouse& w) {
  const int active = w.active ? 1 : 0;
  const long long created = micros(w.created_at);
  const long long updated = micros(w.updated_at);
  std::string id;
  soci::indicator ind = soci::i_null;
  sql << "INSERT INTO inventory.warehouses (id, code, name, region, address, priority, active, created_at, updated_at)"
         " VALUES (CAST(:id AS uuid), :code, :name, :region, :address, :priority, CAST(:active AS boolean), "
         AGORA_TS(":created") ", " AGORA_TS(":updated") ") ON CONFLICT (code) DO NOTHING RETURNING CAST(id AS text)",
      soci::use(w.id, "id"), soci::use(w.code, "code"), soci::use(w.name, "name"), soci::use(w.region, "region"),
      soci::use(w.address, "address"), soci::use(w.priority, "priority"), soci::use(active, "active"),
      soci::use(created, "created"), soci::use(updated, "updated"), soci::into(id, ind);
  if (ind == soci::i_null || id.empty())
    throw Error(ErrorKind::conflict, "already exists", {{"code", "is used by another warehouse"}});
}

void update(soci::session& sql, const Warehouse& w) {
  const int active = w.active ? 1 : 0;
  const long long updated = micros(w.updated_at);
  sql << "UPDATE inventory.warehouses SET name = :name, region = :region, address = :address, priority = :priority,"
         " active = CAST(:active AS boolean), updated_at = " AGORA_TS(":updated") " WHERE id = CAST(:id AS uuid)",
      soci::use(w.name, "name"), soci::use(w.region, "region"), soci::use(w.address, "address"),
      soci::use(w.priority, "priority"), soci::use(active, "active"), soci::use(updated, "updated"),
      soci::use(w.id, "id");
}

std::optional<Warehouse> load(soci::session& sql, const std::string& id) {
  return one(sql, "WHERE id = CAST(:id AS uuid)", id);
}

std::optional<Warehouse> by_code(soci::session& sql, const std::string& code) {
  return one(sql, "WHERE code = :code", code);
}

std::vector<Warehouse> list(soci::session& sql) {
  std::vector<Warehouse> out;
  soci::rowset<soci::row> rs = (sql.prepare << std::string(kColumns) + "ORDER BY priority, code");
  for (const auto& r : rs) out.push_back(from(r));
  return out;
}

bool remove_if_unused(soci::session& sql, const std::string& id) {
  int used = 0;
  sql << "SELECT CAST(EXISTS (SELECT 1 FROM inventory.stock WHERE warehouse_id = CAST(:a AS uuid))"
         " OR EXISTS (SELECT 1 FROM inventory.movements WHERE warehouse_id = CAST(:b AS uuid)) AS int)",
      soci::use(id, "a"), soci::use(id, "b"), soci::into(used);
  if (used != 0) return false;
  sql << "DELETE FROM inventory.warehouses WHERE id = CAST(:id AS uuid)", soci::use(id);
  return true;
}

}  // namespace agora::inventory::warehouse_store
