#pragma once
// What tests of the shop's modules set up through the real API: accounts signed in (an
// administrator among them), products, prices and stock. For a TestApp composing the user, catalog
// (with fx) and inventory modules.
#include "harness/test_app.hpp"

#include <agora/core/ids.hpp>
#include <catch2/catch.hpp>

#include <map>
#include <string>

namespace agora::test {

// Config for the shop: fixed exchange rates, and the key the user module seals signing keys with.
inline std::map<std::string, std::string> shop_defaults(std::map<std::string, std::string> o) {
  o.emplace("fx.providers", "fixed");
  o.emplace("fx.fixed_base", "USD");
  o.emplace("fx.fixed_rates", "EUR=0.8,JPY=150,KWD=0.3");
  o.emplace("auth.key_encryption_secret", "dGVzdCBrZXktZW5jcnlwdGlvbiBrZXkgMzIgYnl0ZXM=");  // 32 bytes, base64
  return o;
}

// A signed-in account: its id and access token.
struct Account {
  std::string id;
  std::string token;
};

// A new account signed in with the password grant, holding `roles` besides customer.
inline Account sign_up(TestApp& app, const std::string& email, const std::string& roles = "") {
  const std::string password = "correct horse battery staple";
  const auto r =
      app.call("POST", "/api/v1/auth/register", {{"email", email}, {"password", password}, {"name", "Shopper"}});
  REQUIRE(r.status == 201);
  const std::string id(r.json().at("id").as_string());
  if (!roles.empty())
    app.db().transact([&](Tx& tx) {
      prepared::run(tx.sql(), "UPDATE \"user\".accounts SET roles = $2::text[] WHERE id = $1",
                    {id, "{customer," + roles + "}"});
    });
  const auto t =
      app.call("POST", "/api/v1/auth/token", {{"grant_type", "password"}, {"email", email}, {"password", password}});
  REQUIRE(t.status == 200);
  return {id, std::string(t.json().at("access_token").as_string())};
}

// An active product with one variant: `sku` priced at `amount` in `currency`, weighing `grams`.
inline std::string create_product(TestApp& app, const std::string& admin_token, const std::string& sku,
                                  std::int64_t amount, const std::string& currency = "USD", int grams = 500,
                                  const std::string& tax_category = "standard") {
  const auto r = app.call("POST", "/api/v1/admin/catalog/products",
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
                          admin_token);
  REQUIRE(r.status == 201);
  return std::string(r.json().at("id").as_string());
}

// Sets the price of the product's (first) variant in one currency.
inline void set_price(TestApp& app, const std::string& admin_token, const std::string& product_id, std::int64_t amount,
                      const std::string& currency = "USD") {
  const auto p = app.call("GET", "/api/v1/admin/catalog/products/" + product_id, nullptr, admin_token);
  REQUIRE(p.status == 200);
  const std::string variant(p.json().at("variants").at(0).at("id").as_string());
  REQUIRE(app.call("PUT", "/api/v1/admin/catalog/variants/" + variant + "/prices",
                   {{"prices", {{{"currency", currency}, {"amount", amount}}}}}, admin_token)
              .status == 200);
}

// A stock movement of `sku` in warehouse "main" (see open_main_warehouse).
inline void move_stock(TestApp& app, const std::string& admin_token, const std::string& sku, std::int64_t quantity,
                       const std::string& kind = "receive") {
  REQUIRE(app.call("POST", "/api/v1/admin/inventory/movements",
                   {{"sku", sku}, {"warehouse", "main"}, {"kind", kind}, {"quantity", quantity}}, admin_token)
              .status == 201);
}

// Rates loaded and warehouse "main" opened: what a shop needs before it sells.
inline void open_shop(TestApp& app, const std::string& admin_token) {
  REQUIRE(app.call("POST", "/api/v1/admin/fx/refresh", nullptr, admin_token).status == 200);
  REQUIRE(app.call("POST", "/api/v1/admin/inventory/warehouses",
                   {{"code", "main"}, {"name", "Main warehouse"}, {"priority", 1}}, admin_token)
              .status == 201);
}

}  // namespace agora::test
