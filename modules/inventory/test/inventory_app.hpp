#pragma once
// A real agora server with the fx, catalog and inventory modules on a fresh database, a manual
// clock, callers named by their bearer token ("Bearer <role> <user id>"), products created
// through the catalog admin API, and helpers to stock warehouses and to read the outbox.
#include "harness/bearer_roles.hpp"
#include "harness/eventually.hpp"
#include "harness/harness.hpp"
#include "harness/http_client.hpp"
#include "harness/test_app.hpp"

#include <agora/catalog/module.hpp>
#include <agora/core/app.hpp>
#include <agora/core/db.hpp>
#include <agora/core/http.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/prepared.hpp>
#include <agora/fx/module.hpp>
#include <agora/inventory/events.hpp>
#include <agora/inventory/module.hpp>
#include <agora/inventory/order_events.hpp>
#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <functional>
#include <map>
#include <string>
#include <thread>

namespace agora::inventory::test {
using agora::test::eventually;

using agora::test::HttpResult;
using Overrides = std::map<std::string, std::string>;

inline Overrides with_defaults(Overrides o) {
  o.emplace("fx.providers", "fixed");
  o.emplace("fx.fixed_base", "EUR");
  o.emplace("fx.fixed_rates", "USD=1.25");
  o.emplace("inventory.sweep_interval_ms", "50");
  return o;
}

struct InventoryApp : agora::test::TestApp {
  const std::string keeper = "warehouse " + new_id();
  const std::string admin = "admin " + new_id();

  explicit InventoryApp(Overrides overrides = {})
      : InventoryApp(agora::test::test_config(with_defaults(std::move(overrides)))) {}
  explicit InventoryApp(Config c)
      : TestApp(std::move(c), {make_module, catalog::make_module, fx::make_module,  // any order: App sorts them
                               [] { return std::make_unique<agora::test::BearerRolesModule>(); }}) {
    REQUIRE(call("POST", "/api/v1/admin/fx/refresh", nullptr, admin).status == 200);
  }

  // A product with these SKUs, through the catalog admin API.
  void product(const std::vector<std::string>& skus, const std::string& status = "active") {
    boost::json::array variants;
    for (const auto& sku : skus)
      variants.push_back({{"sku", sku}, {"prices", {{{"currency", "USD"}, {"amount", 1000}}}}});
    const auto slug = "p-" + new_id();
    const auto r = call("POST", "/api/v1/admin/catalog/products",
                        {{"slug", slug},
                         {"status", status},
                         {"default_locale", "en"},
                         {"texts", {{"en", {{"title", "Thing"}}}}},
                         {"variants", std::move(variants)}},
                        "catalog_manager " + new_id());
    REQUIRE(r.status == 201);
  }

  std::string warehouse(const std::string& code, int priority = 100, const std::string& region = "") {
    const auto r =
        call("POST", "/api/v1/admin/inventory/warehouses",
             {{"code", code}, {"name", "Warehouse " + code}, {"priority", priority}, {"region", region}}, keeper);
    REQUIRE(r.status == 201);
    return std::string(r.json().at("id").as_string());
  }

  void receive(const std::string& sku, const std::string& warehouse_code, std::int64_t quantity) {
    const auto r =
        call("POST", "/api/v1/admin/inventory/movements",
             {{"sku", sku}, {"warehouse", warehouse_code}, {"kind", "receive"}, {"quantity", quantity}}, keeper);
    REQUIRE(r.status == 201);
  }

  // {on_hand, reserved} of a SKU in a warehouse, straight from the table ({-1, -1}: no such row).
  std::pair<long long, long long> stock(const std::string& sku, const std::string& warehouse_code) {
    auto conn = db().acquire();
    const auto row =
        prepared::run(*conn,
                      "SELECT s.on_hand, s.reserved FROM inventory.stock s"
                      " JOIN inventory.warehouses w ON w.id = s.warehouse_id WHERE s.sku = $1 AND w.code = $2",
                      {sku, warehouse_code});
    if (row.empty()) return {-1, -1};
    return {row.get<long long>(0, "on_hand"), row.get<long long>(0, "reserved")};
  }

  // True when every stock row equals the sum of its movements.
  bool ledger_balances() {
    return count(
               "SELECT count(*) FROM inventory.stock s LEFT JOIN (SELECT sku, warehouse_id,"
               " sum(on_hand_delta) AS oh, sum(reserved_delta) AS rs FROM inventory.movements"
               " GROUP BY sku, warehouse_id) m USING (sku, warehouse_id)"
               " WHERE s.on_hand <> COALESCE(m.oh, 0) OR s.reserved <> COALESCE(m.rs, 0)") == 0;
  }

  // Publishes an event as another module would.
  template <TypedEvent T>
  void publish(const T& event) {
    db().transact([&](Tx& tx) { tx.publish(event); });
  }
  // Publishes what no typed event would: a payload that does not read, a version nobody writes yet.
  void publish_raw(const std::string& type, int version, const std::string& key, boost::json::object payload) {
    db().transact([&](Tx& tx) { tx.publish("order.events", type, version, key, std::move(payload)); });
  }

  HttpResult reserve(const boost::json::array& lines, std::map<std::string, std::string> headers = {}) {
    return call("POST", "/api/v1/inventory/reservations", {{"lines", lines}}, keeper, std::move(headers));
  }
};

inline std::string id_of(const HttpResult& r) { return std::string(r.json().at("id").as_string()); }

inline std::vector<std::string> bad_fields(const HttpResult& r) {
  std::vector<std::string> out;
  const auto p = r.json().as_object();
  if (const auto* errors = p.if_contains("errors"))
    for (const auto& e : errors->as_array()) out.emplace_back(e.at("field").as_string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace agora::inventory::test
