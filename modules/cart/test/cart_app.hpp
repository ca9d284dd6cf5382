#pragma once
// A real agora server with the cart module and what it requires (catalog, inventory, user, fx) on a
// fresh database, a manual clock, real accounts (an administrator, customers signed up through the
// user API), products created through the catalog admin API and stock received in one warehouse.
#include "harness/eventually.hpp"
#include "harness/harness.hpp"
#include "harness/http_client.hpp"
#include "harness/problems.hpp"
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

inline Overrides with_defaults(Overrides o) {
  o.emplace("fx.providers", "fixed");
  o.emplace("fx.fixed_base", "USD");
  o.emplace("fx.fixed_rates", "EUR=0.8,JPY=150,KWD=0.3");
  // The key-encryption key the user module seals signing keys with (32 bytes, base64).
  o.emplace("auth.key_encryption_secret", "dGVzdCBrZXktZW5jcnlwdGlvbiBrZXkgMzIgYnl0ZXM=");
  return o;
}

// A signed-in account: its id and access token.
struct Account {
  std::string id;
  std::string token;
};

struct CartApp : agora::test::TestApp {
  Account admin;

  explicit CartApp(Overrides overrides = {}) : CartApp(agora::test::test_config(with_defaults(std::move(overrides)))) {}
  explicit CartApp(Config c)
      : TestApp(std::move(c),
                {make_module, catalog::make_module, inventory::make_module, user::make_module, fx::make_module}) {
    admin = account("admin-" + new_id() + "@example.com", true);
    REQUIRE(call("POST", "/api/v1/admin/fx/refresh", nullptr, admin.token).status == 200);
    REQUIRE(call("POST", "/api/v1/admin/inventory/warehouses",
                 {{"code", "main"}, {"name", "Main warehouse"}, {"priority", 1}}, admin.token)
                .status == 201);
  }

  // Another instance on the same database and Redis, sharing the first one's administrator.
  struct SameStores {};
  CartApp(const CartApp& first, SameStores)
      : TestApp(first.config,
                {make_module, catalog::make_module, inventory::make_module, user::make_module, fx::make_module}),
        admin(first.admin) {}

  // A new account signed in with the password grant; an administrator when `admin`.
  Account account(const std::string& email, bool is_admin = false) {
    const std::string password = "correct horse battery staple";
    const auto r =
        call("POST", "/api/v1/auth/register", {{"email", email}, {"password", password}, {"name", "Shopper"}});
    REQUIRE(r.status == 201);
    const std::string id(r.json().at("id").as_string());
    if (is_admin)
      db().transact([&](Tx& tx) {
        prepared::run(tx.sql(), "UPDATE \"user\".accounts SET roles = '{customer,admin}' WHERE id = $1", {id});
      });
    const auto t =
        call("POST", "/api/v1/auth/token", {{"grant_type", "password"}, {"email", email}, {"password", password}});
    REQUIRE(t.status == 200);
    return {id, std::string(t.json().at("access_token").as_string())};
  }
  Account customer() { return account("shopper-" + new_id() + "@example.com"); }

  // An active product with one variant: `sku` priced at `amount` in `currency`, weighing `grams`.
  std::string product(const std::string& sku, std::int64_t amount, const std::string& currency = "USD", int grams = 500,
                      const std::string& tax_category = "standard") {
    const auto r = call("POST", "/api/v1/admin/catalog/products",
                        {{"slug", "p-" + new_id()},
                         {"status", "active"},
                         {"default_locale", "en"},
                         {"tax_category", tax_category},
                         {"texts", {{"en", {{"title", "Product " + sku}}}, {"de", {{"title", "Produkt " + sku}}}}},
                         {"variants",
                          {{{"sku", sku},
                            {"options", {{"size", "M"}}},
                            {"weight_grams", grams},
                            {"prices", {{{"currency", currency}, {"amount", amount}}}}}}}},
                        admin.token);
    REQUIRE(r.status == 201);
    return std::string(r.json().at("id").as_string());
  }

  // Sets the price of the product's (first) variant in one currency.
  void set_price(const std::string& product_id, std::int64_t amount, const std::string& currency = "USD") {
    const auto p = call("GET", "/api/v1/admin/catalog/products/" + product_id, nullptr, admin.token);
    REQUIRE(p.status == 200);
    const std::string variant(p.json().at("variants").at(0).at("id").as_string());
    REQUIRE(call("PUT", "/api/v1/admin/catalog/variants/" + variant + "/prices",
                 {{"prices", {{{"currency", currency}, {"amount", amount}}}}}, admin.token)
                .status == 200);
  }

  void receive(const std::string& sku, std::int64_t quantity, const std::string& kind = "receive") {
    REQUIRE(call("POST", "/api/v1/admin/inventory/movements",
                 {{"sku", sku}, {"warehouse", "main"}, {"kind", kind}, {"quantity", quantity}}, admin.token)
                .status == 201);
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
