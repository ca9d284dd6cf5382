#pragma once
// The whole shop in one test server: every module, as the agora binary composes them (with Stripe,
// whose webhook is not rate limited, beside the sandbox gateway); one server per test process.
#include "harness/harness.hpp"
#include "harness/shop.hpp"
#include "harness/test_app.hpp"

#include <agora/cart/module.hpp>
#include <agora/catalog/module.hpp>
#include <agora/fx/module.hpp>
#include <agora/inventory/module.hpp>
#include <agora/notification/module.hpp>
#include <agora/order/module.hpp>
#include <agora/payment/module.hpp>
#include <agora/search/module.hpp>
#include <agora/user/module.hpp>

#include <unistd.h>
#include <filesystem>
#include <string>

namespace agora::test {

inline TestApp& whole_shop() {
  static const auto index_dir =
      std::filesystem::temp_directory_path() / ("agora-shop-search-" + std::to_string(::getpid()));
  static TestApp app(
      test_config(shop_defaults({{"search.index_dir", index_dir.string()},
                                 {"payment.gateways", "sandbox,stripe"},
                                 {"payment.stripe_base_url", "http://127.0.0.1:9"},
                                 {"payment.stripe_secret_key", "sk_test_whole_shop"},
                                 {"payment.stripe_webhook_secret", "whsec_whole_shop"}})),
      {cart::make_module, catalog::make_module, fx::make_module, inventory::make_module, notification::make_module,
       order::make_module, payment::make_module, search::make_module, user::make_module});
  return app;
}

}  // namespace agora::test
