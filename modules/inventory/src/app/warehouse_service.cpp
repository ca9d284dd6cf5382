#include "app/warehouse_service.hpp"

#include "store/warehouse_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>

namespace agora::inventory {
namespace {

Error not_found(const std::string& id) { return Error(ErrorKind::not_found, "no warehouse with the id " + id); }

}  // namespace

WarehouseService::WarehouseService(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

Warehouse WarehouseService::create(const NewWarehouse& n) {
  Warehouse w;
  w.code = n.code;
  apply(n.fields, w);
  w.id = new_id();
  w.created_at = w.updated_at = clock_.now();
  db_.transact([&](Tx& tx) { warehouse_store::insert(tx.sql(), w); });
  return w;
}

Warehouse WarehouseService::get(const std::string& id) {
  if (!is_uuid(id)) throw not_found(id);
  auto conn = db_.acquire();
  auto w = warehouse_store::load(*conn, id);
  if (!w) throw not_found(id);
  return std::move(*w);
}

std::vector<Warehouse> WarehouseService::list() {
  auto conn = db_.acquire();
  return warehouse_store::list(*conn);
}

Warehouse WarehouseService::update(const std::string& id, const WarehouseChanges& changes) {
  auto w = get(id);
  apply(changes, w);
  w.updated_at = clock_.now();
  db_.transact([&](Tx& tx) { warehouse_store::update(tx.sql(), w); });
  return w;
}

void WarehouseService::remove(const std::string& id) {
  get(id);
  db_.transact([&](Tx& tx) {
    if (!warehouse_store::remove_if_unused(tx.sql(), id))
      throw Error(ErrorKind::conflict, "the warehouse has held stock: deactivate it instead");
  });
}

}  // namespace agora::inventory
