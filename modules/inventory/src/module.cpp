// The inventory module: warehouses, a stock ledger, reservations with allocation and expiry,
// low-stock alerts, and availability from an in-process cache kept current by inventory.events.
#include "app/availability_cache.hpp"
#include "app/reservation_service.hpp"
#include "app/stock_service.hpp"
#include "app/warehouse_service.hpp"
#include "http/routes.hpp"
#include "options.hpp"

#include <agora/catalog/api.hpp>
#include <agora/core/db.hpp>
#include <agora/core/events.hpp>
#include <agora/inventory/events.hpp>
#include <agora/inventory/module.hpp>
#include <agora/inventory/order_events.hpp>

namespace agora::inventory {
namespace {

class InventoryModule final : public Module {
 public:
  std::string_view name() const override { return "inventory"; }
  std::vector<ApiRef> requirements() const override { return {api<catalog::Api>()}; }
  ConfigSection config_section() const override { return inventory::config_section(); }

  void install(Platform& p) override {
    const auto o = read_options(p.config);
    auto& catalog = p.services.get<catalog::Api>();  // SKUs are the catalog's
    const auto sku_exists = [&catalog](const std::string& sku) { return !catalog.known_skus({sku}).empty(); };

    cache_.emplace(p.db, o.availability_cache_skus);
    warehouses_.emplace(p.db, p.clock);
    stock_.emplace(p.db, p.clock, *cache_, sku_exists);
    reservations_.emplace(p.db, p.clock, o.reservations, *cache_, catalog);

    add_availability_routes(p.router, *cache_);
    add_reservation_routes(p.router, *reservations_, o.reservations.max_ttl);
    add_admin_routes(p.router, *warehouses_, *stock_);
    p.services.provide<Api>(*cache_);

    // One subscription for every order reaction, so that per-key order holds
    // between them (an order.cancelled never overtakes its order.created).
    p.events.subscribe(
        EventHandlers()
            .on<order_events::Created>([this](Tx& tx, const order_events::Created& order, const Event& e) {
              reservations_->on_order_created(tx, order, e);
            })
            .on<order_events::Placed>([this](Tx& tx, const order_events::Placed& order, const Event& e) {
              reservations_->on_order_placed(tx, order.order_id, e);
            })
            .on<order_events::ReturnReceived>([this](Tx& tx, const order_events::ReturnReceived& ret, const Event& e) {
              reservations_->on_return_received(tx, ret, e);
            })
            .on<order_events::Cancelled>([this](Tx& tx, const order_events::Cancelled& order, const Event& e) {
              reservations_->on_order_cancelled(tx, order.order_id, e);
            })
            .subscription("inventory.order_reactions"));
    p.events.watch({.topics = {std::string(events::kTopic)},
                    .on_event = [this](const Notice& n) { heard(n); },
                    .on_gap = [this] { cache_->forget_all(); }});
    p.jobs.every("inventory.expiry", o.sweep_interval, [this] { reservations_->sweep(); });
  }

 private:
  void heard(const Notice& n) {
    if (n.type != events::StockChanged::kName.type) return;
    if (n.key.empty()) return cache_->forget_all();
    cache_->forget(n.key);
  }

  std::optional<AvailabilityCache> cache_;
  std::optional<WarehouseService> warehouses_;
  std::optional<StockService> stock_;
  std::optional<ReservationService> reservations_;
};

}  // namespace

std::unique_ptr<Module> make_module() { return std::make_unique<InventoryModule>(); }

}  // namespace agora::inventory
