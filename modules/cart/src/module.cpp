// The cart module: carts kept in Redis with a PostgreSQL copy written behind, priced by the shop's
// tax rates, shipping methods and discount codes.
#include "app/cart_pricer.hpp"
#include "app/cart_service.hpp"
#include "app/cart_store.hpp"
#include "app/order_reactions.hpp"
#include "app/pricing_rules_service.hpp"
#include "http/pricing_admin_routes.hpp"
#include "http/routes.hpp"
#include "options.hpp"

#include <agora/cart/module.hpp>
#include <agora/catalog/api.hpp>
#include <agora/core/db.hpp>
#include <agora/core/events.hpp>
#include <agora/inventory/api.hpp>
#include <agora/user/api.hpp>

namespace agora::cart {
namespace {

class CartModule final : public Module {
 public:
  std::string_view name() const override { return "cart"; }
  std::vector<ApiRef> requirements() const override {
    return {api<catalog::Api>(), api<inventory::Api>(), api<user::Api>()};
  }
  ConfigSection config_section() const override { return cart::config_section(); }

  void install(Platform& p) override {
    const auto o = read_options(p.config);
    rules_.emplace(p.db, p.clock, o.default_country);
    store_.emplace(p.db, p.redis, p.clock, p.metrics, o.lifetimes);
    pricer_.emplace(
        p.services.get<catalog::Api>(), p.services.get<inventory::Api>(), [this] { return rules_->rules(); },
        [this](const std::string& customer, const std::vector<std::string>& codes) {
          return rules_->customer_usage(customer, codes);
        },
        p.clock);
    carts_.emplace(*store_, *pricer_, p.services.get<user::Api>(), p.clock, o.caps);

    add_cart_routes(p.router, *carts_, o.caps);
    add_pricing_admin_routes(p.router, *rules_);
    p.services.provide<Api>(*carts_);
    orders_.emplace(*rules_, *carts_);
    // One subscription, so that per-key order holds: a cancellation never overtakes its creation.
    p.events.subscribe(EventHandlers()
                           .on<order_events::Created>([this](Tx& tx, const order_events::Created& o, const Event&) {
                             orders_->on_created(tx, o);
                           })
                           .on<order_events::Cancelled>([this](Tx& tx, const order_events::Cancelled& o, const Event&) {
                             orders_->on_cancelled(tx, o);
                           })
                           .subscription("cart.order_reactions"));

    const auto batch = o.write_behind_batch;
    p.jobs.every("cart.write_behind", o.write_behind_interval, [this, batch] { store_->write_behind(batch); });
    p.jobs.every("cart.expiry", o.expiry_interval, [this] { store_->expire(500); });
    p.jobs.every("cart.pricing_reload", o.pricing_reload, [this] { rules_->reload(); });
  }

  void start() override { rules_->reload(); }  // its tables exist once migrations ran

 private:
  std::optional<PricingRulesService> rules_;
  std::optional<CartStore> store_;
  std::optional<CartPricer> pricer_;
  std::optional<CartService> carts_;
  std::optional<OrderReactions> orders_;
};

}  // namespace

std::unique_ptr<Module> make_module() { return std::make_unique<CartModule>(); }

}  // namespace agora::cart
