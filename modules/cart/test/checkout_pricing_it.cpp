// A cart priced through the real server against rules set through the admin API: tax, shipping by
// zone and weight, discount codes and why one does not apply, addresses; and discount usage counted
// exactly once per order when orders are created concurrently.
#include "cart_app.hpp"

#include <agora/cart/events.hpp>
#include <agora/cart/order_events.hpp>

#include <thread>

namespace agora::cart::test {
namespace {

const boost::json::object kUsAddress{{"recipient", "Ann Buyer"}, {"line1", "1 Main St"},   {"city", "Springfield"},
                                     {"region", "IL"},           {"postal_code", "62701"}, {"country", "US"}};

std::string admin_post(CartApp& app, const std::string& what, const boost::json::value& body) {
  const auto r = app.call("POST", "/api/v1/admin/cart/" + what, body, app.admin.token);
  INFO(r.body);
  REQUIRE(r.status == 201);
  return r.json().as_object().contains("id") ? id_of(r) : "";
}

std::int64_t amount(const boost::json::value& cart, const char* total) {
  return cart.at("totals").at(total).at("amount").as_int64();
}

}  // namespace

TEST_CASE("a cart shows tax, shipping by zone and weight, and a discount, each line summing to the totals") {
  CartApp app;
  app.product("BOOT", 2000, "USD", 500);
  app.receive("BOOT", 10);
  admin_post(app, "tax-rates", {{"country", "US"}, {"category", "standard"}, {"rate_ppm", 100000}});
  const auto zone = admin_post(app, "shipping-zones", {{"name", "United States"}, {"areas", {{{"country", "US"}}}}});
  const auto ground =
      admin_post(app, "shipping-methods",
                 {{"zone_id", zone},
                  {"name", "Ground"},
                  {"currency", "USD"},
                  {"bands", {{{"up_to_grams", 1000}, {"price", 500}}, {{"up_to_grams", 5000}, {"price", 900}}}},
                  {"free_over", 100000}});
  admin_post(app, "discount-codes", {{"code", "SAVE10"}, {"kind", "percentage"}, {"percent_bp", 1000}});
  admin_post(
      app, "discount-codes",
      {{"code", "BIGSPENDER"}, {"kind", "percentage"}, {"percent_bp", 2000}, {"minimum_subtotal", {{"USD", 50000}}}});

  const auto shopper = app.customer();
  const auto id = id_of(app.call("POST", "/api/v1/carts", {{"currency", "USD"}}, shopper.token));
  const auto path = "/api/v1/carts/" + id;
  REQUIRE(app.call("POST", path + "/lines", {{"sku", "BOOT"}, {"quantity", 3}}, shopper.token).status == 200);

  SECTION("no shipping method before an address; then the methods of its zone, priced by weight") {
    CHECK(bad_fields(app.call("PUT", path + "/shipping-method", {{"id", ground}}, shopper.token)) ==
          std::vector<std::string>{"id"});
    auto r = app.call("PUT", path + "/shipping-address", kUsAddress, shopper.token);
    REQUIRE(r.status == 200);
    REQUIRE(r.json().at("shipping_options").as_array().size() == 1);
    CHECK(r.json().at("shipping_options").at(0).at("price").at("amount") == 900);  // 1.5 kg: the second band
    r = app.call("PUT", path + "/shipping-method", {{"id", ground}}, shopper.token);
    REQUIRE(r.status == 200);
    r = app.call("POST", path + "/discount-codes", {{"code", "save10"}}, shopper.token);
    REQUIRE(r.status == 200);
    const auto cart = r.json();
    CHECK(amount(cart, "subtotal") == 6000);
    CHECK(amount(cart, "discount") == 600);
    CHECK(amount(cart, "shipping") == 900);
    CHECK(amount(cart, "tax") == 630);  // 10 % of 5,400 + 900
    CHECK(amount(cart, "total") == 6930);
    const auto& line = cart.at("lines").at(0).at("amounts");
    CHECK(line.at("total").at("amount") == 6930);
    CHECK(cart.at("shipping_method").at("id").as_string() == ground);

    r = app.call("POST", path + "/discount-codes", {{"code", "BIGSPENDER"}}, shopper.token);
    REQUIRE(r.status == 200);
    const auto with_both = r.json();
    const auto& codes = with_both.at("discount_codes").as_array();
    REQUIRE(codes.size() == 2);
    CHECK(codes.at(1).at("applies") == false);
    CHECK(codes.at(1).at("reason") == "minimum_not_met");
    CHECK(amount(with_both, "discount") == 600);
  }
  SECTION("an address outside every zone leaves no method, and the chosen one is flagged") {
    REQUIRE(app.call("PUT", path + "/shipping-address", kUsAddress, shopper.token).status == 200);
    REQUIRE(app.call("PUT", path + "/shipping-method", {{"id", ground}}, shopper.token).status == 200);
    auto abroad = kUsAddress;
    abroad["country"] = "FR";
    abroad["postal_code"] = "75001";
    const auto r = app.call("PUT", path + "/shipping-address", abroad, shopper.token);
    REQUIRE(r.status == 200);
    CHECK(r.json().at("shipping_options").as_array().empty());
    CHECK(r.json().at("shipping_method").is_null());
    CHECK(amount(r.json(), "shipping") == 0);
    CHECK(r.json().at("problems").at(0).at("code") == "shipping_method_unavailable");
  }
  SECTION("addresses are checked like the user module checks its own, and saved ones must be the customer's") {
    auto bad = kUsAddress;
    bad.erase("postal_code");
    bad["country"] = "USA";
    bad["phone"] = "555";
    CHECK(bad_fields(app.call("PUT", path + "/shipping-address", bad, shopper.token)) ==
          std::vector<std::string>{"country", "phone"});
    bad["country"] = "US";
    bad.erase("phone");
    CHECK(bad_fields(app.call("PUT", path + "/shipping-address", bad, shopper.token)) ==
          std::vector<std::string>{"postal_code"});
    // What the body cannot give and what the address lacks, in one 422.
    const auto all_bad = app.call("PUT", path + "/shipping-address",
                                  {{"recipient", 5}, {"line1", ""}, {"country", "ZZ"}, {"floor", 3}}, shopper.token);
    CHECK(all_bad.status == 422);
    CHECK(bad_fields(all_bad) == std::vector<std::string>{"city", "country", "floor", "line1", "recipient"});
    CHECK(bad_fields(app.call("PUT", path + "/billing-address", {{"saved_address_id", new_id()}}, shopper.token)) ==
          std::vector<std::string>{"saved_address_id"});
    const auto saved = app.call("POST", "/api/v1/users/me/addresses", kUsAddress, shopper.token);
    REQUIRE(saved.status == 201);
    const auto r = app.call("PUT", path + "/billing-address", {{"saved_address_id", id_of(saved)}}, shopper.token);
    REQUIRE(r.status == 200);
    CHECK(r.json().at("billing_address").at("city") == "Springfield");
    const auto other = app.customer();
    const auto theirs = id_of(app.call("POST", "/api/v1/users/me/addresses", kUsAddress, other.token));
    CHECK(bad_fields(app.call("PUT", path + "/billing-address", {{"saved_address_id", theirs}}, shopper.token)) ==
          std::vector<std::string>{"saved_address_id"});
  }
  SECTION("an unknown code is refused by field") {
    CHECK(bad_fields(app.call("POST", path + "/discount-codes", {{"code", "NOPE"}}, shopper.token)) ==
          std::vector<std::string>{"code"});
  }
}

TEST_CASE(
    "a code limited to 100 uses is counted for exactly 100 of 150 concurrent orders, and cancellations give back") {
  CartApp app;
  admin_post(app, "discount-codes",
             {{"code", "HUNDRED"}, {"kind", "percentage"}, {"percent_bp", 500}, {"usage_limit", 100}});
  std::vector<std::string> orders(150);
  for (auto& o : orders) o = new_id();
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t)
    threads.emplace_back([&, t] {
      for (std::size_t i = static_cast<std::size_t>(t); i < orders.size(); i += 6)
        app.db().transact([&](Tx& tx) {
          tx.publish(order_events::Created{orders[i], std::nullopt, new_id(), std::vector<std::string>{"HUNDRED"}});
        });
    });
  for (auto& t : threads) t.join();
  REQUIRE(app.handled("cart.order_reactions", std::chrono::seconds(60)));
  CHECK(app.count("SELECT used FROM cart.discount_codes WHERE code = 'HUNDRED'") == 100);
  CHECK(app.published_count<events::DiscountsRedeemed>() == 100);
  CHECK(app.published_count<events::DiscountRejected>() == 50);

  const auto redeemed = app.published<events::DiscountsRedeemed>().front().order_id;
  app.db().transact([&](Tx& tx) {
    tx.publish(order_events::Cancelled{redeemed});
    tx.publish(order_events::Created{redeemed, std::nullopt, new_id(), std::vector<std::string>{"HUNDRED"}});
  });
  REQUIRE(app.handled("cart.order_reactions"));
  CHECK(app.count("SELECT used FROM cart.discount_codes WHERE code = 'HUNDRED'") == 100);
}

TEST_CASE("an order created from a cart checks it out") {
  CartApp app;
  app.product("A", 1000);
  app.receive("A", 5);
  const auto shopper = app.customer();
  const auto id = id_of(app.call("POST", "/api/v1/carts", {{"currency", "USD"}}, shopper.token));
  REQUIRE(app.call("POST", "/api/v1/carts/" + id + "/lines", {{"sku", "A"}, {"quantity", 1}}, shopper.token).status ==
          200);
  const auto order = new_id();
  app.db().transact([&](Tx& tx) { tx.publish(order_events::Created{order, id, shopper.id, std::nullopt}); });
  REQUIRE(app.handled("cart.order_reactions"));
  const auto r = app.call("GET", "/api/v1/carts/" + id, nullptr, shopper.token);
  CHECK(r.json().at("status") == "checked_out");
  CHECK(app.call("GET", "/api/v1/carts/mine", nullptr, shopper.token).status == 404);
  CHECK(app.call("POST", "/api/v1/carts", {{"currency", "USD"}}, shopper.token).status == 201);  // a new one
  REQUIRE(eventually([&] { return app.published_count<events::CheckedOut>(id) == 1; }));         // written behind
  CHECK(app.published<events::CheckedOut>(id).at(0).order_id == order);

  // The same order.created again (a redelivery) changes nothing, not even the cart's version.
  const auto version = r.json().at("version").as_int64();
  app.db().transact([&](Tx& tx) { tx.publish(order_events::Created{order, id, shopper.id, std::nullopt}); });
  REQUIRE(app.handled("cart.order_reactions"));
  CHECK(app.call("GET", "/api/v1/carts/" + id, nullptr, shopper.token).json().at("version").as_int64() == version);
  CHECK(app.published_count<events::CheckedOut>(id) == 1);
}

TEST_CASE("a default country that is not an ISO 3166-1 code is refused at start") {
  REQUIRE_THROWS_AS(CartApp(Overrides{{"cart.default_country", "usa"}}), ConfigError);
  REQUIRE_THROWS_AS(CartApp(Overrides{{"cart.default_country", "de"}}), ConfigError);
}

}  // namespace agora::cart::test
