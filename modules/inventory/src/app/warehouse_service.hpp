#pragma once
// Admin use cases on warehouses.
#include "domain/warehouse.hpp"

#include <agora/core/clock.hpp>

#include <string>
#include <vector>

namespace agora {
class Database;
}

namespace agora::inventory {

class WarehouseService {
 public:
  WarehouseService(Database& db, const Clock& clock);
  Warehouse create(const NewWarehouse& w);  // Error{conflict} naming "code" when taken
  Warehouse get(const std::string& id);
  std::vector<Warehouse> list();
  Warehouse update(const std::string& id, const WarehouseChanges& changes);
  // Error{conflict} once it has held stock: deactivate it instead (the ledger keeps referring to it).
  void remove(const std::string& id);

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace agora::inventory
