#pragma once
// A real agora server with the cart module and what it requires (catalog, inventory, user, fx) on a
// fresh database, a manual clock, real accounts (an administrator, customers signed up through the
// user API), products created through the catalog admin API and stock received in one warehouse.
#include "harness/eventually.hpp"
#include "harness/harness.hpp"
#include "harness/http_client.hpp"
#include "harness/problems.hpp"
#include "harness/shop.hpp"
#include "harness/test_app.hpp"

#include <agora/cart/module.hpp>
#include <agora/catalog/module.hpp>
#include <agora/core/app.hpp>
#include <agora/core/db.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/prepared.hpp>
#include <agora/fx/module.hpp>
#include <agora/inventory/module.hpp>
#include <agora/user/module.hpp>
#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <map>
#include <string>

namespace agora::cart::test {
using agora::test::bad_fields;
using agora::test::eventually;
using agora::test::HttpResult;
using agora::test::problem;
using Overrides = std::map<std::string, std::string>;

inline Overrides with_defaults(Overrides o) { return agora::test::shop_defaults(std::move(o)); }

using agora::test::Account;

struct CartApp : agora::test::TestApp {
  Account admin;

  explicit CartApp(Overrides overrides = {}) : CartApp(agora::test::test_config(with_defaults(std::move(overrides)))) {}
  explicit CartApp(Config c)
      : TestApp(std::move(c),
                {make_module, catalog::make_module, inventory::make_module, user::make_module, fx::make_module}) {
    admin = account("admin-" + new_id() + "@example.com", true);
    agora::test::open_shop(*this, admin.token);
  }

  // Another instance on the same database and Redis, sharing the first one's administrator.
  struct SameStores {};
  CartApp(const CartApp& first, SameStores)
      : TestApp(first.config,
                {make_module, catalog::make_module, inventory::make_module, user::make_module, fx::make_module}),
        admin(first.admin) {}

  // A new account signed in with the password grant; an administrator when `admin`.
  Account account(const std::string& email, bool is_admin = false) {
    return agora::test::sign_up(*this, email, is_admin ? "admin" : "");
  }
  Account customer() { return account("shopper-" + new_id() + "@example.com"); }

  // An active product with one variant: `sku` priced at `amount` in `currency`, weighing `grams`.
  std::string product(const std::string& sku, std::int64_t amount, const std::string& currency = "USD", int grams = 500,
                      const std::string& tax_category = "standard") {
    return agora::test::create_product(*this, admin.token, sku, amount, currency, grams, tax_category);
  }
  void set_price(const std::string& product_id, std::int64_t amount, const std::string& currency = "USD") {
    agora::test::set_price(*this, admin.token, product_id, amount, currency);
  }
  void receive(const std::string& sku, std::int64_t quantity, const std::string& kind = "receive") {
    agora::test::move_stock(*this, admin.token, sku, quantity, kind);
  }
};

// A guest cart: its id and token.
struct GuestCart {
  std::string id;
  std::string token;
  std::map<std::string, std::string> headers() const { return {{"X-Cart-Token", token}}; }
};

inline std::string id_of(const HttpResult& r) { return std::string(r.json().at("id").as_string()); }

}  // namespace agora::cart::test
