// Currencies and money formatted for a locale (ICU).
#include "fx_app.hpp"

#include <agora/core/money.hpp>

using namespace agora;
using namespace agora::fx::test;

TEST_CASE("the currency list carries every ISO 4217 code with its minor units") {
  FxApp fx;
  const auto items = fx.call("GET", "/api/v1/fx/currencies").json().at("items").as_array();
  CHECK(items.size() == all_currencies().size());
  std::map<std::string, std::int64_t> units;
  for (const auto& c : items) units[std::string(c.at("code").as_string())] = c.at("minor_units").as_int64();
  CHECK(units.at("JPY") == 0);
  CHECK(units.at("USD") == 2);
  CHECK(units.at("KWD") == 3);
}

TEST_CASE("money is formatted the way the locale writes it, with the currency's minor units") {
  FxApp fx;
  const auto format = [&](const std::string& query) {
    const auto r = fx.call("GET", "/api/v1/fx/format?" + query);
    INFO(r.body);
    REQUIRE(r.status == 200);
    return std::string(r.json().at("formatted").as_string());
  };
  CHECK(format("amount=123456&currency=USD&locale=en-US") == "$1,234.56");
  CHECK(format("amount=123456&currency=EUR&locale=de-DE") == "1.234,56\u00a0€");
  CHECK(format("amount=1234&currency=JPY&locale=ja-JP") == "￥1,234");
  CHECK(format("amount=1500&currency=KWD&locale=en-US") == "KWD\u00a01.500");
  CHECK(format("amount=-5&currency=USD&locale=en-US") == "-$0.05");
}

TEST_CASE("a bad amount, currency or locale is refused naming each field") {
  FxApp fx;
  CHECK(bad_fields(fx.call("GET", "/api/v1/fx/format?amount=12.5&currency=EURO&locale=xx-YY")) ==
        std::vector<std::string>{"amount", "currency", "locale"});
  CHECK(bad_fields(fx.call("GET", "/api/v1/fx/format?currency=USD&locale=en")) == std::vector<std::string>{"amount"});
  CHECK(bad_fields(fx.call("GET", "/api/v1/fx/format?amount=1&currency=USD")) == std::vector<std::string>{"locale"});
  CHECK(bad_fields(fx.call("GET", "/api/v1/fx/format?amount=99999999999999999999&currency=USD&locale=en")) ==
        std::vector<std::string>{"amount"});
}
