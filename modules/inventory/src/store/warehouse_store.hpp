#pragma once
// SQL on inventory.warehouses.
#include "domain/warehouse.hpp"

#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace agora::inventory::warehouse_store {

// Error{conflict} naming "code" when another warehouse has it.
void insert(soci::session& sql, const Warehouse& w);
void update(soci::session& sql, const Warehouse& w);
std::optional<Warehouse> load(soci::session& sql, const std::string& id);
std::optional<Warehouse> by_code(soci::session& sql, const std::string& code);
std::vector<Warehouse> list(soci::session& sql);
// False when stock or movements refer to it (deactivate it instead).
bool remove_if_unused(soci::session& sql, const std::string& id);

}  // namespace agora::inventory::warehouse_store
