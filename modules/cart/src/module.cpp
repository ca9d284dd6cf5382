// The cart module: carts kept in Redis with a PostgreSQL copy written behind, priced by the shop's
// tax rates, shipping methods and discount codes.
#include <agora/cart/module.hpp>
#include <agora/catalog/api.hpp>
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

  void install(Platform&) override {}
};

}  // namespace

std::unique_ptr<Module> make_module() { return std::make_unique<CartModule>(); }

}  // namespace agora::cart
