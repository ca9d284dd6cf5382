#include "store/warehouse_store.hpp"

#include <agora/core/error.hpp>
#include <agora/core/prepared.hpp>

namespace agora::inventory::warehouse_store {
namespace {

#define AGORA_INV_WAREHOUSES \
  "SELECT id, code, name, region, address, priority, active, created_at, updated_at FROM inventory.warehouses"

std::optional<Warehouse> first(const prepared::Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return rows.as<Warehouse>(0);
}

}  // namespace

void insert(soci::session& sql, const Warehouse& w) {
  const auto inserted = prepared::run(
      sql,
      "INSERT INTO inventory.warehouses (id, code, name, region, address, priority, active, created_at, updated_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (code) DO NOTHING",
      {w.id, w.code, w.name, w.region, w.address, w.priority, w.active, w.created_at, w.updated_at});
  if (inserted.affected() == 0)
    throw Error(ErrorKind::conflict, "already exists", {{"code", "is used by another warehouse"}});
}

void update(soci::session& sql, const Warehouse& w) {
  prepared::run(sql,
                "UPDATE inventory.warehouses SET name = $2, region = $3, address = $4, priority = $5, active = $6,"
                " updated_at = $7 WHERE id = $1",
                {w.id, w.name, w.region, w.address, w.priority, w.active, w.updated_at});
}

std::optional<Warehouse> load(soci::session& sql, const std::string& id) {
  return first(prepared::run(sql, AGORA_INV_WAREHOUSES " WHERE id = $1", {id}));
}

std::optional<Warehouse> by_code(soci::session& sql, const std::string& code) {
  return first(prepared::run(sql, AGORA_INV_WAREHOUSES " WHERE code = $1", {code}));
}

std::vector<Warehouse> list(soci::session& sql) {
  return prepared::run(sql, AGORA_INV_WAREHOUSES " ORDER BY priority, code").all<Warehouse>();
}

bool remove_if_unused(soci::session& sql, const std::string& id) {
  const auto removed = prepared::run(sql,
                                     "DELETE FROM inventory.warehouses w WHERE w.id = $1"
                                     " AND NOT EXISTS (SELECT 1 FROM inventory.stock WHERE warehouse_id = w.id)"
                                     " AND NOT EXISTS (SELECT 1 FROM inventory.movements WHERE warehouse_id = w.id)",
                                     {id});
  return removed.affected() > 0;
}

}  // namespace agora::inventory::warehouse_store
