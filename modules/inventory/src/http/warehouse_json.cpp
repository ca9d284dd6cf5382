#include "http/warehouse_json.hpp"

#include "domain/lines.hpp"

#include <agora/core/fields.hpp>

namespace agora::inventory {
namespace {

WarehouseChanges read_changes(Fields& f) {
  WarehouseChanges c;
  if (f.has("name")) c.name = f.text("name", kMaxNameLength, true);
  c.region = f.text("region", kMaxRegionLength, false, true);
  c.address = f.text("address", kMaxAddressLength, false, true, true);
  if (const auto p = f.integer("priority", 0, kMaxPriority)) c.priority = static_cast<int>(*p);
  c.active = f.boolean("active");
  return c;
}

}  // namespace

NewWarehouse parse_new_warehouse(const boost::json::value& body) {
  Fields f(body);
  NewWarehouse w;
  const auto code = f.text("code", kMaxCodeLength, true);
  if (code && !valid_sku(*code)) f.fail("code", "must be letters, digits, '-', '_' and '.' only");
  w.code = code.value_or("");
  if (!f.has("name")) f.fail("name", "is required");
  w.fields = read_changes(f);
  f.finish({"code", "name", "region", "address", "priority", "active"}, "invalid warehouse");
  return w;
}

WarehouseChanges parse_warehouse_changes(const boost::json::value& body) {
  Fields f(body);
  if (f.has("code")) f.fail("code", "cannot be changed");
  auto changes = read_changes(f);
  f.finish({"name", "region", "address", "priority", "active"}, "invalid warehouse");
  return changes;
}

boost::json::object warehouse_json(const Warehouse& w) {
  return {{"id", w.id},
          {"code", w.code},
          {"name", w.name},
          {"region", w.region},
          {"address", w.address},
          {"priority", w.priority},
          {"active", w.active},
          {"created_at", to_rfc3339(w.created_at)},
          {"updated_at", to_rfc3339(w.updated_at)}};
}

}  // namespace agora::inventory
