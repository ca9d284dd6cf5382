#pragma once
// A real agora server with the whole shop (order, payment, cart, catalog, inventory, user, fx) on a
// fresh database and a manual clock, an administrator, and what a checkout test sets up through the
// API: products with stock, carts with lines and a shipping address, checkouts.
#include "harness/eventually.hpp"
#include "harness/harness.hpp"
#include "harness/problems.hpp"
#include "harness/shop.hpp"
#include "harness/test_app.hpp"

#include <agora/cart/module.hpp>
#include <agora/catalog/module.hpp>
#include <agora/core/ids.hpp>
#include <agora/fx/module.hpp>
#include <agora/inventory/module.hpp>
#include <agora/order/events.hpp>
#include <agora/order/module.hpp>
#include <agora/payment/module.hpp>
#include <agora/user/module.hpp>
#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <map>
#include <string>

namespace agora::order::test {
using agora::test::Account;
using agora::test::bad_fields;
using agora::test::eventually;
using agora::test::HttpResult;
using agora::test::problem;
using Overrides = std::map<std::string, std::string>;

inline const boost::json::object kAddress{{"recipient", "Ann Buyer"}, {"line1", "1 Main St"},   {"city", "Springfield"},
                                          {"region", "IL"},           {"postal_code", "62701"}, {"country", "US"}};

// A cart ready to check out: its id, and its token when a guest's.
struct ReadyCart {
  std::string id;
  std::string token;  // "" for a customer's cart
  std::map<std::string, std::string> headers() const {
    if (token.empty()) return {};
    return {{"X-Cart-Token", token}};
  }
};

inline std::vector<ModuleFactory> shop_modules() {
  return {make_module,       payment::make_module, cart::make_module, catalog::make_module, inventory::make_module,
          user::make_module, fx::make_module};
}

struct OrderApp : agora::test::TestApp {
  Account admin;

  explicit OrderApp(Overrides overrides = {})
      : TestApp(agora::test::test_config(agora::test::shop_defaults(std::move(overrides))), shop_modules()) {
    admin = agora::test::sign_up(*this, "admin-" + new_id() + "@example.com", "admin");
    agora::test::open_shop(*this, admin.token);
  }

  Account customer() { return agora::test::sign_up(*this, "shopper-" + new_id() + "@example.com"); }

  // A product selling `sku` at `amount` (USD) with `stock` units in the main warehouse.
  std::string product(const std::string& sku, std::int64_t amount, std::int64_t stock) {
    const auto id = agora::test::create_product(*this, admin.token, sku, amount);
    if (stock > 0) agora::test::move_stock(*this, admin.token, sku, stock);
    return id;
  }

  // A cart of `lines` (SKU, quantity) shipping to kAddress: the customer's (`bearer`) or a guest's.
  ReadyCart cart(const std::vector<std::pair<std::string, std::int64_t>>& lines, const std::string& bearer = "") {
    const auto r = call("POST", "/api/v1/carts", {{"currency", "USD"}}, bearer);
    REQUIRE((r.status == 201 || r.status == 200));
    ReadyCart c{std::string(r.json().at("id").as_string()),
                bearer.empty() ? std::string(r.json().at("token").as_string()) : std::string()};
    for (const auto& [sku, quantity] : lines)
      REQUIRE(
          call("POST", "/api/v1/carts/" + c.id + "/lines", {{"sku", sku}, {"quantity", quantity}}, bearer, c.headers())
              .status == 200);
    REQUIRE(call("PUT", "/api/v1/carts/" + c.id + "/shipping-address", kAddress, bearer, c.headers()).status == 200);
    return c;
  }

  // POST /api/v1/checkout of the cart, paying with a sandbox token.
  HttpResult checkout(const ReadyCart& c, const std::string& token, const std::string& key,
                      const std::string& bearer = "", const std::string& email = "") {
    boost::json::object body{{"cart_id", c.id}, {"payment", {{"gateway", "sandbox"}, {"token", token}}}};
    if (!email.empty()) body["email"] = email;
    auto headers = c.headers();
    if (!key.empty()) headers["Idempotency-Key"] = key;
    return call("POST", "/api/v1/checkout", body, bearer, headers);
  }

  std::int64_t available(const std::string& sku) {
    const auto r = call("GET", "/api/v1/inventory/availability?sku=" + sku);
    REQUIRE(r.status == 200);
    return r.json().at("items").at(0).at("available").as_int64();
  }

  // The order as its buyer (or staff, with the admin's token) reads it.
  boost::json::value order(const std::string& id, const std::string& bearer) {
    const auto r = call("GET", "/api/v1/orders/" + id, nullptr, bearer);
    REQUIRE(r.status == 200);
    return r.json();
  }
};

inline std::string text(const boost::json::value& v, std::string_view key) {
  return std::string(v.at(key).as_string());
}
inline std::string payment_status(const boost::json::value& order) { return text(order.at("payment"), "status"); }

}  // namespace agora::order::test
