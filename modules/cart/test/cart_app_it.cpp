#include "cart_app.hpp"

namespace agora::cart::test {

TEST_CASE("the cart test app starts with an administrator, a warehouse and products that can be stocked") {
  CartApp app;
  app.product("SKU-1", 1999);
  app.receive("SKU-1", 5);
  const auto shopper = app.customer();
  CHECK_FALSE(shopper.id.empty());
  CHECK(app.call("GET", "/api/v1/inventory/availability?sku=SKU-1").status == 200);
}

}  // namespace agora::cart::test
