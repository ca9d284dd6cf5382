#include "domain/warehouse.hpp"

namespace agora::inventory {

void apply(const WarehouseChanges& changes, Warehouse& w) {
  w.name = changes.name.value_or(w.name);
  w.region = changes.region.value_or(w.region);
  w.address = changes.address.value_or(w.address);
  w.priority = changes.priority.value_or(w.priority);
  w.active = changes.active.value_or(w.active);
}

}  // namespace agora::inventory
