#include "domain/pricing.hpp"
#include "domain/rounding.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <random>

namespace agora::cart {
namespace {

using namespace std::chrono_literals;

const Timestamp kNow = Timestamp(std::chrono::sys_days{std::chrono::year{2026} / 6 / 1});

LineInput line(std::string sku, std::int64_t quantity, std::int64_t unit_price, std::string category = "standard",
               std::vector<std::string> category_ids = {}, std::int64_t grams = 0) {
  return {std::move(sku), quantity, unit_price, std::move(category), std::move(category_ids), grams};
}

CartInput cart_of(std::string currency, std::vector<LineInput> lines) {
  CartInput c;
  c.currency = std::move(currency);
  c.lines = std::move(lines);
  c.now = kNow;
  return c;
}

PricingRules eu_rules() {
  PricingRules r;
  r.default_country = "DE";
  r.tax_inclusive_currencies = {"EUR"};
  r.tax_rates = {{"1", "DE", "", "standard", 190000}, {"2", "DE", "", "reduced", 70000}};
  r.zones = {{"de", "Germany", {{"DE", ""}}}, {"ny", "New York", {{"US", "NY"}}}};
  r.methods = {{.id = "parcel",
                .zone_id = "de",
                .name = "Parcel",
                .currency = "EUR",
                .bands = {{1000, 499}, {5000, 900}},
                .free_over = 10000},
               {.id = "old", .zone_id = "de", .name = "Old", .currency = "EUR", .flat_price = 100, .active = false},
               {.id = "dollars", .zone_id = "de", .name = "In dollars", .currency = "USD", .flat_price = 100},
               {.id = "courier", .zone_id = "ny", .name = "Courier", .currency = "USD", .flat_price = 700}};
  return r;
}

DiscountCode percent(std::string code, std::int64_t bp) {
  return {.code = std::move(code), .kind = DiscountKind::percentage, .percent_bp = bp};
}

DiscountCode fixed(std::string code, std::int64_t amount, std::string currency = "USD") {
  return {.code = std::move(code), .kind = DiscountKind::fixed, .amounts = {{std::move(currency), amount}}};
}

void check_lines_sum_to_totals(const CartPrice& p) {
  std::int64_t subtotal = 0, discount = 0, shipping = 0, tax = 0, total = 0;
  for (const auto& l : p.lines) {
    CHECK(l.subtotal == l.unit_price * l.quantity);
    CHECK(l.discount >= 0);
    CHECK(l.discount <= l.subtotal);
    CHECK(l.total == l.subtotal - l.discount + l.shipping + (p.tax_inclusive ? 0 : l.tax));
    subtotal += l.subtotal;
    discount += l.discount;
    shipping += l.shipping;
    tax += l.tax;
    total += l.total;
  }
  CHECK(subtotal == p.subtotal);
  CHECK(discount == p.discount);
  CHECK(shipping == p.shipping);
  CHECK(tax == p.tax);
  CHECK(total == p.total);
}

}  // namespace

TEST_CASE("half an amount rounds away from zero") {
  CHECK(divide_rounded(5, 2) == 3);
  CHECK(divide_rounded(-5, 2) == -3);
  CHECK(divide_rounded(7, 4) == 2);
  CHECK(divide_rounded(5, 4) == 1);
  CHECK(divide_rounded(-7, 4) == -2);
}

TEST_CASE("an amount split by largest remainder sums to itself, ties going to the earlier line") {
  CHECK(allocate(10, {1, 1, 1}) == std::vector<std::int64_t>{4, 3, 3});
  CHECK(allocate(499, {2380, 1070}) == std::vector<std::int64_t>{344, 155});
  CHECK(allocate(7, {0, 5, 0}) == std::vector<std::int64_t>{0, 7, 0});
  CHECK(allocate(5, {0, 0}) == std::vector<std::int64_t>{3, 2});
  CHECK(allocate(5, {}).empty());
  CHECK(allocate(std::int64_t{1} << 62, {std::int64_t{1} << 62, std::int64_t{1} << 62}) ==
        std::vector<std::int64_t>{std::int64_t{1} << 61, std::int64_t{1} << 61});
}

TEST_CASE("a cart with no lines costs nothing") {
  auto c = cart_of("EUR", {});
  c.destination = Destination{"DE", ""};
  c.shipping_method_id = "parcel";
  const auto p = price(eu_rules(), c);
  CHECK(p.lines.empty());
  CHECK((p.subtotal == 0 && p.discount == 0 && p.shipping == 0 && p.tax == 0 && p.total == 0));
}

TEST_CASE("EU prices include 19 % and 7 % VAT, shipping is split over the lines and taxed with them") {
  auto c = cart_of("EUR", {line("A", 2, 1190, "standard", {}, 300), line("B", 1, 1070, "reduced", {}, 200)});
  SECTION("without shipping the tax is the part of each price that is VAT") {
    const auto p = price(eu_rules(), c);
    REQUIRE(p.tax_inclusive);
    CHECK(p.lines[0].tax == 380);
    CHECK(p.lines[1].tax == 70);
    CHECK(p.tax == 450);
    CHECK(p.total == 3450);
  }
  SECTION("shipping of 4.99 goes 3.44 and 1.55, and the VAT in each line includes its share's") {
    c.destination = Destination{"DE", ""};
    c.shipping_method_id = "parcel";
    const auto p = price(eu_rules(), c);
    CHECK(p.shipping_method_valid);
    CHECK(p.lines[0].shipping == 344);
    CHECK(p.lines[1].shipping == 155);
    CHECK(p.lines[0].tax == 435);  // 2724 × 19 / 119 = 434.92
    CHECK(p.lines[1].tax == 80);   // 1225 × 7 / 107 = 80.14
    CHECK(p.shipping == 499);
    CHECK(p.total == 3949);
    check_lines_sum_to_totals(p);
  }
}

TEST_CASE("US tax of 8.875 % in New York replaces the state-wide rate and is added to the prices") {
  PricingRules r;
  r.default_country = "US";
  r.tax_rates = {{"1", "US", "", "standard", 50000}, {"2", "US", "NY", "standard", 88750}};
  auto c = cart_of("USD", {line("A", 1, 1999), line("B", 3, 250, "zero"), line("C", 1, 10, "reduced")});
  c.destination = Destination{"US", "NY"};
  auto p = price(r, c);
  REQUIRE_FALSE(p.tax_inclusive);
  CHECK(p.lines[0].tax == 177);  // 177.41
  CHECK(p.lines[1].tax == 0);    // no rate for the zero category
  CHECK(p.lines[2].tax == 0);    // nor for reduced
  CHECK(p.lines[0].total == 2176);
  CHECK(p.total == 1999 + 750 + 10 + 177);

  SECTION("another region pays the country's rate") {
    c.destination = Destination{"US", "CA"};
    c.lines = {line("A", 1, 1999), line("D", 1, 10)};
    p = price(r, c);
    CHECK(p.lines[0].tax == 100);  // 99.95
    CHECK(p.lines[1].tax == 1);    // 0.5, half away from zero
  }
  SECTION("without an address the shop's default country taxes the cart") {
    c.destination.reset();
    p = price(r, c);
    CHECK(p.lines[0].tax == 100);
    CHECK(p.shipping_options.empty());
  }
}

TEST_CASE("prices include tax for the countries listed, whatever the currency") {
  PricingRules r;
  r.default_country = "JP";
  r.tax_inclusive_countries = {"JP"};
  r.tax_rates = {{"1", "JP", "", "standard", 100000}};
  const auto p = price(r, cart_of("JPY", {line("A", 1, 1100)}));
  CHECK(p.tax_inclusive);
  CHECK(p.tax == 100);
  CHECK(p.total == 1100);
}

TEST_CASE("shipping is offered by the active methods in the cart's currency whose zone covers the address") {
  auto c = cart_of("EUR", {line("A", 1, 2000, "standard", {}, 800)});
  c.destination = Destination{"DE", "BY"};
  c.shipping_method_id = "parcel";
  const auto rules = eu_rules();

  SECTION("a light parcel costs the first band") {
    const auto p = price(rules, c);
    REQUIRE(p.shipping_options.size() == 1);
    CHECK(p.shipping_options[0].id == "parcel");
    CHECK(p.shipping_options[0].price == 499);
    CHECK(p.shipping == 499);
  }
  SECTION("a parcel exactly at a band's limit is in that band, one gram more in the next") {
    c.lines[0].weight_grams = 1000;
    CHECK(price(rules, c).shipping == 499);
    c.lines[0].weight_grams = 1001;
    CHECK(price(rules, c).shipping == 900);
  }
  SECTION("the weight is every unit's") {
    c.lines[0].quantity = 2;
    CHECK(price(rules, c).shipping == 900);
  }
  SECTION("a parcel heavier than the last band cannot use the method") {
    c.lines[0].weight_grams = 5001;
    const auto p = price(rules, c);
    CHECK(p.shipping_options.empty());
    CHECK_FALSE(p.shipping_method_valid);
    CHECK(p.shipping == 0);
  }
  SECTION("from free_over on, counted after discounts, shipping is free") {
    c.lines[0].unit_price = 10000;
    CHECK(price(rules, c).shipping == 0);
    auto with_code = rules;
    with_code.codes = {percent("TEN", 1000)};
    c.discount_codes = {"ten"};
    CHECK(price(with_code, c).shipping == 499);
  }
  SECTION("a method of a zone that does not cover the address is not offered") {
    c.currency = "USD";
    c.destination = Destination{"US", "CA"};
    c.shipping_method_id = "courier";
    auto p = price(rules, c);
    CHECK(p.shipping_options.empty());
    CHECK_FALSE(p.shipping_method_valid);
    c.destination = Destination{"US", "NY"};
    p = price(rules, c);
    CHECK(p.shipping_method_valid);
    CHECK(p.shipping == 700);
  }
  SECTION("a method not chosen is offered but not charged") {
    c.shipping_method_id = "";
    const auto p = price(rules, c);
    CHECK(p.shipping_options.size() == 1);
    CHECK_FALSE(p.shipping_method_valid);
    CHECK(p.shipping == 0);
  }
  SECTION("shipping is shared equally when every line is free") {
    c.lines = {line("A", 1, 0, "standard", {}, 100), line("B", 1, 0, "standard", {}, 100)};
    const auto p = price(rules, c);
    CHECK(p.lines[0].shipping == 250);
    CHECK(p.lines[1].shipping == 249);
  }
}

TEST_CASE("a percentage code takes its share of each eligible line, rounded per line") {
  PricingRules r;
  r.codes = {percent("P15", 1500)};
  auto c = cart_of("USD", {line("A", 1, 333), line("B", 1, 101)});
  c.discount_codes = {"p15"};
  const auto p = price(r, c);
  CHECK(p.lines[0].discount == 50);  // 49.95
  CHECK(p.lines[1].discount == 15);  // 15.15
  REQUIRE(p.codes.size() == 1);
  CHECK(p.codes[0].code == "P15");
  CHECK(p.codes[0].amount == 65);
  CHECK(p.codes[0].reason.empty());
}

TEST_CASE("a fixed code is split over the eligible lines and never takes more than they cost") {
  PricingRules r;
  r.codes = {fixed("F10", 1000), fixed("F50", 5000)};
  auto c = cart_of("USD", {line("A", 1, 2000), line("B", 2, 500)});
  SECTION("in proportion to the lines") {
    c.discount_codes = {"F10"};
    const auto p = price(r, c);
    CHECK(p.lines[0].discount == 667);
    CHECK(p.lines[1].discount == 333);
    CHECK(p.discount == 1000);
  }
  SECTION("an amount larger than the subtotal takes the subtotal") {
    c.discount_codes = {"F50"};
    const auto p = price(r, c);
    CHECK(p.discount == 3000);
    CHECK(p.codes[0].amount == 3000);
    CHECK(p.total == 0);
    check_lines_sum_to_totals(p);
  }
  SECTION("several codes apply in order, each on what the ones before left") {
    r.codes.push_back(percent("HALF", 5000));
    c.discount_codes = {"HALF", "F10"};
    auto p = price(r, c);
    CHECK(p.codes[0].amount == 1500);
    CHECK(p.codes[1].amount == 1000);
    CHECK(p.discount == 2500);
    c.discount_codes = {"F10", "HALF"};
    p = price(r, c);
    CHECK(p.codes[0].amount == 1000);
    CHECK(p.codes[1].amount == 1001);  // half of 1333 and of 667, each rounded up
  }
  SECTION("a code given twice counts once") {
    c.discount_codes = {"F10", "f10"};
    const auto p = price(r, c);
    CHECK(p.discount == 1000);
    CHECK(p.codes[1].reason == "duplicate");
  }
}

TEST_CASE("codes limited to categories or SKUs discount only those lines") {
  PricingRules r;
  DiscountCode shoes = percent("SHOES", 1000);
  shoes.category_ids = {"shoes"};
  DiscountCode hat = fixed("HAT", 5000);
  hat.skus = {"HAT-1"};
  r.codes = {shoes, hat};
  auto c = cart_of("USD", {line("SNEAKER-1", 1, 1000, "standard", {"sneakers", "shoes"}), line("HAT-1", 1, 800),
                           line("SOCK-1", 1, 300, "standard", {"socks"})});
  c.discount_codes = {"SHOES", "HAT"};
  const auto p = price(r, c);
  CHECK(p.lines[0].discount == 100);  // through its parent category
  CHECK(p.lines[1].discount == 800);  // capped at the line
  CHECK(p.lines[2].discount == 0);
}

TEST_CASE("a code that does not apply says why") {
  PricingRules r;
  auto c = cart_of("USD", {line("A", 1, 1000, "standard", {"c1"})});
  c.customer_id = "customer";
  const auto reason = [&](DiscountCode code) {
    r.codes = {code};
    c.discount_codes = {code.code};
    const auto p = price(r, c);
    CHECK((p.discount == 0) == !p.codes.at(0).reason.empty());
    return p.codes.at(0).reason;
  };
  auto code = percent("X", 1000);
  CHECK(reason(code).empty());

  c.discount_codes = {"NOPE"};
  CHECK(price(r, c).codes.at(0).reason == "unknown");
  auto inactive = code;
  inactive.active = false;
  CHECK(reason(inactive) == "inactive");
  auto later = code;
  later.starts_at = kNow + 1s;
  CHECK(reason(later) == "not_started");
  auto over = code;
  over.ends_at = kNow;
  CHECK(reason(over) == "expired");
  CHECK(reason(fixed("X", 100, "EUR")) == "currency_not_supported");
  auto used_up = code;
  used_up.usage_limit = 5;
  used_up.used = 5;
  CHECK(reason(used_up) == "usage_limit_reached");
  auto once = code;
  once.per_customer_limit = 1;
  c.customer_usage = {{"X", 1}};
  CHECK(reason(once) == "customer_limit_reached");
  c.customer_usage.clear();
  auto other_lines = code;
  other_lines.category_ids = {"c2"};
  CHECK(reason(other_lines) == "no_eligible_lines");
  auto big_carts = code;
  big_carts.minimum_subtotal = {{"USD", 1001}};
  CHECK(reason(big_carts) == "minimum_not_met");
  big_carts.minimum_subtotal = {{"USD", 1000}, {"EUR", 999999}};
  CHECK(reason(big_carts).empty());
}

TEST_CASE("lines sum exactly to the totals of generated carts in JPY, USD and KWD, tax included or not") {
  std::mt19937 random(20260601);
  const auto between = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(random);
  };
  for (const std::string currency : {"JPY", "USD", "KWD"}) {
    for (const bool inclusive : {true, false}) {
      PricingRules r;
      r.default_country = "US";
      if (inclusive) r.tax_inclusive_currencies = {currency};
      r.tax_rates = {
          {"1", "US", "", "standard", 88750}, {"2", "US", "", "reduced", 33333}, {"3", "US", "NY", "standard", 45000}};
      r.zones = {{"us", "US", {{"US", ""}}}};
      r.methods = {
          {.id = "flat", .zone_id = "us", .name = "Flat", .currency = currency, .flat_price = between(0, 5000)},
          {.id = "banded",
           .zone_id = "us",
           .name = "Banded",
           .currency = currency,
           .bands = {{2000, 777}, {20000, 1999}},
           .free_over = 500000}};
      auto fixed_code = fixed("FIX", between(1, 200000), currency);
      auto category_code = percent("CAT", between(1, 10000));
      category_code.category_ids = {"c1"};
      r.codes = {fixed_code, category_code, percent("ALL", 3333)};
      const std::vector<std::string> codes{"FIX", "CAT", "ALL"};
      const std::vector<std::string> taxes{"standard", "reduced", "zero"};

      for (int n = 0; n < 50; ++n) {
        CartInput c = cart_of(currency, {});
        const auto lines = between(0, 6);
        for (int i = 0; i < lines; ++i)
          c.lines.push_back(line("S" + std::to_string(i), between(1, 5), between(0, 100000), taxes[between(0, 2)],
                                 {"c" + std::to_string(between(0, 2))}, between(0, 3000)));
        if (between(0, 3) > 0) c.destination = Destination{"US", between(0, 1) ? "NY" : ""};
        c.shipping_method_id = between(0, 1) ? "flat" : "banded";
        for (const auto& code : codes)
          if (between(0, 1)) c.discount_codes.push_back(code);
        const auto p = price(r, c);
        CHECK(p.tax_inclusive == inclusive);
        check_lines_sum_to_totals(p);
        if (p.shipping_method_valid && !c.lines.empty())
          for (const auto& o : p.shipping_options)
            if (o.id == c.shipping_method_id) CHECK(p.shipping == o.price);
      }
    }
  }
}

}  // namespace agora::cart
