// The cart module: carts kept in Redis with a PostgreSQL copy written behind, priced by the shop's
// tax rates, shipping methods and discount codes.
#include "app/pricing_rules_service.hpp"
#include "http/pricing_admin_routes.hpp"
#include "options.hpp"

#include <agora/cart/module.hpp>
#include <agora/catalog/api.hpp>
#include <agora/inventory/api.hpp>
#include <agora/user/api.hpp>

#include <optional>

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
    pricing_.emplace(p.db, p.clock, o.default_country);
    add_pricing_admin_routes(p.router, *pricing_);
    p.jobs.every("cart.pricing_reload", o.pricing_reload, [this] { pricing_->reload(); });
  }
  void start() override { pricing_->reload(); }

 private:
  std::optional<PricingRulesService> pricing_;
};

}  // namespace

std::unique_ptr<Module> make_module() { return std::make_unique<CartModule>(); }

}  // namespace agora::cart
