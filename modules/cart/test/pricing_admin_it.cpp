#include "app/pricing_rules_service.hpp"
#include "cart_app.hpp"

#include <atomic>
#include <thread>

namespace agora::cart::test {
namespace {

const std::string kAdmin = "/api/v1/admin/cart/";

boost::json::object percent_code(const std::string& code, std::int64_t bp = 1000) {
  return {{"code", code}, {"kind", "percentage"}, {"percent_bp", bp}};
}

std::string zone(CartApp& app) {
  const auto r = app.call("POST", kAdmin + "shipping-zones",
                          {{"name", "EU"}, {"areas", {{{"country", "DE"}}, {{"country", "ES"}, {"region", "CN"}}}}},
                          app.admin.token);
  REQUIRE(r.status == 201);
  return id_of(r);
}

}  // namespace

TEST_CASE("an admin creates, reads, changes and removes tax rates, and prices see them") {
  CartApp app;
  PricingRulesService rules(app.db(), Clock::system(), "US");
  auto r = app.call("POST", kAdmin + "tax-rates", {{"country", "DE"}, {"category", "standard"}, {"rate_ppm", 190000}},
                    app.admin.token);
  REQUIRE(r.status == 201);
  const auto id = id_of(r);
  CHECK(r.headers.at("location") == kAdmin + "tax-rates/" + id);
  CHECK(r.json().at("region") == "");

  r = app.call("PATCH", kAdmin + "tax-rates/" + id, {{"rate_ppm", 70000}}, app.admin.token);
  REQUIRE(r.status == 200);
  CHECK(r.json().at("rate_ppm") == 70000);
  CHECK(r.json().at("country") == "DE");
  r = app.call("GET", kAdmin + "tax-rates", nullptr, app.admin.token);
  REQUIRE(r.json().at("items").as_array().size() == 1);
  rules.reload();
  REQUIRE(rules.rules()->tax_rates.size() == 1);
  CHECK(rules.rules()->tax_rates[0].rate_ppm == 70000);

  SECTION("a second rate for the same country, region and category is a conflict") {
    r = app.call("POST", kAdmin + "tax-rates", {{"country", "DE"}, {"category", "standard"}, {"rate_ppm", 1}},
                 app.admin.token);
    CHECK(r.status == 409);
  }
  SECTION("a removed rate is gone") {
    CHECK(app.call("DELETE", kAdmin + "tax-rates/" + id, nullptr, app.admin.token).status == 204);
    CHECK(app.call("GET", kAdmin + "tax-rates/" + id, nullptr, app.admin.token).status == 404);
    CHECK(app.call("DELETE", kAdmin + "tax-rates/" + id, nullptr, app.admin.token).status == 404);
  }
  SECTION("the id cannot be changed") {
    r = app.call("PATCH", kAdmin + "tax-rates/" + id, {{"id", "x"}}, app.admin.token);
    CHECK(bad_fields(r) == std::vector<std::string>{"id"});
  }
  SECTION("a change that is no JSON object cannot be read: 400") {
    CHECK(app.call("PATCH", kAdmin + "tax-rates/" + id, boost::json::array{1}, app.admin.token).status == 400);
  }
  SECTION("an id that is no UUID names no rate: 404") {
    r = app.call("GET", kAdmin + "tax-rates/not-a-uuid", nullptr, app.admin.token);
    CHECK(r.status == 404);
    CHECK(problem(r).at("detail") == "no tax rate with the id not-a-uuid");
  }
}

TEST_CASE("tax rates name every bad field") {
  CartApp app;
  const auto r =
      app.call("POST", kAdmin + "tax-rates",
               {{"country", "de"}, {"region", "new york"}, {"category", "luxury"}, {"rate_ppm", -1}, {"extra", 1}},
               app.admin.token);
  CHECK(r.status == 422);
  CHECK(bad_fields(r) == std::vector<std::string>{"category", "country", "extra", "rate_ppm", "region"});
}

TEST_CASE("tax settings are replaced whole and checked") {
  CartApp app;
  auto r =
      app.call("PUT", kAdmin + "tax-settings",
               {{"tax_inclusive_currencies", {"EUR", "JPY"}}, {"tax_inclusive_countries", {"DE"}}}, app.admin.token);
  REQUIRE(r.status == 200);
  r = app.call("GET", kAdmin + "tax-settings", nullptr, app.admin.token);
  CHECK(r.json().at("tax_inclusive_currencies") == boost::json::array{"EUR", "JPY"});
  CHECK(r.json().at("tax_inclusive_countries") == boost::json::array{"DE"});
  r = app.call("PUT", kAdmin + "tax-settings",
               {{"tax_inclusive_currencies", {"XXY"}}, {"tax_inclusive_countries", {"deu"}}}, app.admin.token);
  CHECK(bad_fields(r) == std::vector<std::string>{"tax_inclusive_countries[0]", "tax_inclusive_currencies[0]"});
}

TEST_CASE("shipping zones and methods round trip, and a method needs a zone that exists") {
  CartApp app;
  const auto zone_id = zone(app);
  auto r = app.call("POST", kAdmin + "shipping-methods",
                    {{"zone_id", zone_id},
                     {"name", "Parcel"},
                     {"currency", "EUR"},
                     {"bands", {{{"up_to_grams", 1000}, {"price", 499}}, {{"up_to_grams", 5000}, {"price", 899}}}},
                     {"free_over", 10000}},
                    app.admin.token);
  REQUIRE(r.status == 201);
  const auto method_id = id_of(r);
  CHECK(r.json().at("bands").as_array().size() == 2);
  CHECK(r.json().at("active") == true);

  r = app.call("PATCH", kAdmin + "shipping-methods/" + method_id, {{"free_over", nullptr}, {"active", false}},
               app.admin.token);
  REQUIRE(r.status == 200);
  CHECK(r.json().at("free_over").is_null());
  CHECK(r.json().at("name") == "Parcel");
  r = app.call("GET", kAdmin + "shipping-methods/" + method_id, nullptr, app.admin.token);
  CHECK(r.json().at("active") == false);

  r = app.call("PATCH", kAdmin + "shipping-zones/" + zone_id, {{"name", "Europe"}}, app.admin.token);
  REQUIRE(r.status == 200);
  CHECK(r.json().at("areas").as_array().size() == 2);
  CHECK(r.json().at("areas").at(1).at("region") == "CN");

  SECTION("a zone in use cannot be removed; once its methods are gone it can") {
    CHECK(app.call("DELETE", kAdmin + "shipping-zones/" + zone_id, nullptr, app.admin.token).status == 409);
    CHECK(app.call("DELETE", kAdmin + "shipping-methods/" + method_id, nullptr, app.admin.token).status == 204);
    CHECK(app.call("DELETE", kAdmin + "shipping-zones/" + zone_id, nullptr, app.admin.token).status == 204);
    CHECK(app.call("GET", kAdmin + "shipping-zones", nullptr, app.admin.token).json().at("items").as_array().empty());
  }
  SECTION("an unknown zone is a 422 naming zone_id") {
    r = app.call("POST", kAdmin + "shipping-methods", {{"zone_id", new_id()}, {"name", "X"}, {"currency", "EUR"}},
                 app.admin.token);
    CHECK(r.status == 422);
    CHECK(bad_fields(r) == std::vector<std::string>{"zone_id"});
  }
  SECTION("bands must ascend, amounts not be negative, the currency be known") {
    r = app.call("POST", kAdmin + "shipping-methods",
                 {{"zone_id", zone_id},
                  {"name", "X"},
                  {"currency", "EURO"},
                  {"flat_price", -1},
                  {"bands", {{{"up_to_grams", 5000}, {"price", 1}}, {{"up_to_grams", 5000}, {"price", -2}}}}},
                 app.admin.token);
    CHECK(bad_fields(r) ==
          std::vector<std::string>{"bands[1].price", "bands[1].up_to_grams", "currency", "flat_price"});
  }
  SECTION("a zone needs areas in valid countries") {
    r = app.call("POST", kAdmin + "shipping-zones", {{"name", "X"}, {"areas", {{{"country", "Germany"}}}}},
                 app.admin.token);
    CHECK(bad_fields(r) == std::vector<std::string>{"areas[0].country"});
    r = app.call("POST", kAdmin + "shipping-zones", {{"name", "X"}, {"areas", boost::json::array{}}}, app.admin.token);
    CHECK(bad_fields(r) == std::vector<std::string>{"areas"});
  }
}

TEST_CASE("discount codes round trip, upper case, and report their usage") {
  CartApp app;
  auto r = app.call("POST", kAdmin + "discount-codes",
                    {{"code", "summer-10"},
                     {"kind", "fixed"},
                     {"amounts", {{"USD", 1000}, {"EUR", 900}}},
                     {"minimum_subtotal", {{"USD", 5000}}},
                     {"starts_at", "2026-06-01T00:00:00Z"},
                     {"ends_at", "2026-09-01T00:00:00Z"},
                     {"usage_limit", 100},
                     {"skus", {"SKU-1"}}},
                    app.admin.token);
  REQUIRE(r.status == 201);
  CHECK(r.json().at("code") == "SUMMER-10");
  CHECK(r.headers.at("location") == kAdmin + "discount-codes/SUMMER-10");

  r = app.call("GET", kAdmin + "discount-codes/summer-10", nullptr, app.admin.token);
  REQUIRE(r.status == 200);
  CHECK(r.json().at("amounts").at("EUR") == 900);
  CHECK(r.json().at("used") == 0);

  r = app.call("PATCH", kAdmin + "discount-codes/SUMMER-10", {{"usage_limit", nullptr}, {"active", false}},
               app.admin.token);
  REQUIRE(r.status == 200);
  CHECK(r.json().at("usage_limit").is_null());
  CHECK(r.json().at("skus") == boost::json::array{"SKU-1"});
  CHECK(r.json().at("active") == false);

  r = app.call("GET", kAdmin + "discount-codes/SUMMER-10/usage", nullptr, app.admin.token);
  REQUIRE(r.status == 200);
  CHECK(r.json().at("used") == 0);
  CHECK(r.json().at("customers").as_array().empty());

  SECTION("a code that exists, in any case, is a conflict") {
    r = app.call("POST", kAdmin + "discount-codes", percent_code("Summer-10"), app.admin.token);
    CHECK(r.status == 409);
  }
  SECTION("the code and its use count cannot be changed") {
    r = app.call("PATCH", kAdmin + "discount-codes/SUMMER-10", {{"code", "X"}, {"used", 5}}, app.admin.token);
    CHECK(bad_fields(r) == std::vector<std::string>{"code", "used"});
  }
  SECTION("a code never redeemed can be removed") {
    CHECK(app.call("DELETE", kAdmin + "discount-codes/summer-10", nullptr, app.admin.token).status == 204);
    CHECK(app.call("GET", kAdmin + "discount-codes/SUMMER-10", nullptr, app.admin.token).status == 404);
  }
  SECTION("a path that could not be a code names none: 404, the database not asked") {
    for (const auto* path : {"discount-codes/SUMMER%0010", "discount-codes/a%20b/usage", "discount-codes/%C3%A9"}) {
      INFO(path);
      CHECK(app.call("GET", kAdmin + path, nullptr, app.admin.token).status == 404);
    }
  }
}

TEST_CASE("discount codes name every bad field") {
  CartApp app;
  auto r = app.call("POST", kAdmin + "discount-codes",
                    {{"code", "BAD CODE"},
                     {"kind", "percentage"},
                     {"percent_bp", 10001},
                     {"minimum_subtotal", {{"USD", -1}, {"ZZZ", 1}}},
                     {"starts_at", "2026-09-01T00:00:00Z"},
                     {"ends_at", "2026-06-01T00:00:00Z"},
                     {"usage_limit", 0}},
                    app.admin.token);
  CHECK(r.status == 422);
  CHECK(bad_fields(r) == std::vector<std::string>{"code", "ends_at", "minimum_subtotal.USD", "minimum_subtotal.ZZZ",
                                                  "percent_bp", "usage_limit"});
  r = app.call("POST", kAdmin + "discount-codes", {{"code", "F"}, {"kind", "fixed"}, {"percent_bp", 0}},
               app.admin.token);
  CHECK(bad_fields(r) == std::vector<std::string>{"amounts"});
  r = app.call("POST", kAdmin + "discount-codes", percent_code("P", 0), app.admin.token);
  CHECK(bad_fields(r) == std::vector<std::string>{"percent_bp"});
}

TEST_CASE("rules set through the admin API price a cart once reloaded, and the service's own changes at once") {
  CartApp app;
  PricingRulesService rules(app.db(), Clock::system(), "US");
  REQUIRE(app.call("PUT", kAdmin + "tax-settings", {{"tax_inclusive_currencies", {"EUR"}}}, app.admin.token).status ==
          200);
  REQUIRE(app.call("POST", kAdmin + "tax-rates", {{"country", "DE"}, {"category", "standard"}, {"rate_ppm", 190000}},
                   app.admin.token)
              .status == 201);
  const auto zone_id = zone(app);
  const auto method = app.call("POST", kAdmin + "shipping-methods",
                               {{"zone_id", zone_id},
                                {"name", "Parcel"},
                                {"currency", "EUR"},
                                {"bands", {{{"up_to_grams", 1000}, {"price", 499}}}}},
                               app.admin.token);
  REQUIRE(method.status == 201);
  REQUIRE(app.call("POST", kAdmin + "discount-codes",
                   {{"code", "FIVE"}, {"kind", "fixed"}, {"amounts", {{"EUR", 500}}}}, app.admin.token)
              .status == 201);
  CHECK(rules.rules()->codes.empty());  // another instance's changes arrive with a reload
  rules.reload();

  CartInput cart{
      .currency = "EUR",
      .lines = {{.sku = "A", .quantity = 2, .unit_price = 1190, .tax_category = "standard", .weight_grams = 300}},
      .destination = Destination{"DE", ""},
      .shipping_method_id = id_of(method),
      .discount_codes = {"five"},
      .now = Clock::system().now()};
  const auto p = price(*rules.rules(), cart);
  CHECK(p.tax_inclusive);
  CHECK(p.discount == 500);
  CHECK(p.shipping == 499);
  CHECK(p.tax == 380);  // (2380 − 500 + 499) × 19 / 119 = 379.84
  CHECK(p.total == 2379);

  rules.create_tax_rate({.country = "DE", .category = "reduced", .rate_ppm = 70000});
  CHECK(rules.rules()->tax_rates.size() == 2);
}

TEST_CASE("only administrators reach the pricing admin API") {
  CartApp app;
  const auto shopper = app.customer();
  for (const auto& path : {"tax-rates", "tax-settings", "shipping-zones", "shipping-methods", "discount-codes"}) {
    CHECK(app.call("GET", kAdmin + path, nullptr, shopper.token).status == 403);
    CHECK(app.call("GET", kAdmin + path).status == 401);
  }
  CHECK(app.call("POST", kAdmin + "discount-codes", percent_code("X"), shopper.token).status == 403);
}

TEST_CASE("a code with a usage limit of 100 is redeemed exactly 100 times by 16 concurrent checkouts") {
  CartApp app;
  PricingRulesService rules(app.db(), Clock::system(), "US");
  auto body = percent_code("HUNDRED");
  body["usage_limit"] = 100;
  REQUIRE(app.call("POST", kAdmin + "discount-codes", body, app.admin.token).status == 201);

  std::atomic<int> redeemed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        const auto order = "order-" + std::to_string(t) + "-" + std::to_string(i);
        if (app.db().transact(
                [&](Tx& tx) { return rules.redeem(tx, order, "customer-" + std::to_string(t), "hundred"); }))
          ++redeemed;
      }
    });
  for (auto& t : threads) t.join();
  CHECK(redeemed == 100);
  CHECK(app.count("SELECT used FROM cart.discount_codes WHERE code = 'HUNDRED'") == 100);
  CHECK(app.count("SELECT count(*) FROM cart.discount_redemptions WHERE code = 'HUNDRED'") == 100);
  const auto usage = app.call("GET", kAdmin + "discount-codes/HUNDRED/usage", nullptr, app.admin.token);
  CHECK(usage.json().at("used") == 100);
}

TEST_CASE("a customer redeems a code up to their limit, and an order counts once") {
  CartApp app;
  PricingRulesService rules(app.db(), Clock::system(), "US");
  auto body = percent_code("TWICE");
  body["per_customer_limit"] = 2;
  REQUIRE(app.call("POST", kAdmin + "discount-codes", body, app.admin.token).status == 201);
  const auto redeem = [&](const std::string& order, const std::string& customer) {
    return app.db().transact([&](Tx& tx) { return rules.redeem(tx, order, customer, "twice"); });
  };
  CHECK(redeem("o1", "alice"));
  CHECK(redeem("o1", "alice"));  // the same order again: counted once
  CHECK(redeem("o2", "alice"));
  CHECK_FALSE(redeem("o3", "alice"));
  CHECK(redeem("o4", "bob"));
  CHECK(redeem("o5", ""));  // guests have no per-customer count
  CHECK(app.count("SELECT used FROM cart.discount_codes WHERE code = 'TWICE'") == 4);
  CHECK(rules.customer_usage("alice", {"twice", "other"}) == std::map<std::string, std::int64_t>{{"TWICE", 2}});

  const auto usage = app.call("GET", kAdmin + "discount-codes/TWICE/usage", nullptr, app.admin.token).json();
  CHECK(usage.at("customers").as_array().size() == 3);
  CHECK(app.call("DELETE", kAdmin + "discount-codes/TWICE", nullptr, app.admin.token).status == 409);
  CHECK(agora::test::error_kind_of([&] {
          app.db().transact([&](Tx& tx) { rules.redeem(tx, "o6", "alice", "NO-SUCH-CODE"); });
        }) == ErrorKind::not_found);
}

}  // namespace agora::cart::test
