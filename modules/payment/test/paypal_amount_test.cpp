// Amounts as PayPal writes them: a decimal string with the currency's minor units (none for JPY, three
// for KWD, none at PayPal for HUF and TWD), read back in minor units without a floating point number.
#include "gateways/paypal_amount.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

using namespace agora;
using namespace agora::payment;

namespace {

const Currency& currency(std::string_view code) { return *find_currency(code); }

}  // namespace

TEST_CASE("minor units are written with as many decimals as the currency has") {
  CHECK(paypal_value(1999, currency("USD")) == "19.99");
  CHECK(paypal_value(5, currency("EUR")) == "0.05");
  CHECK(paypal_value(100000, currency("GBP")) == "1000.00");
  CHECK(paypal_value(500, currency("JPY")) == "500");
  CHECK(paypal_value(1500, currency("KWD")) == "1.500");
  CHECK(paypal_value(-1, currency("USD")) == std::nullopt);
}

TEST_CASE("currencies PayPal takes in whole units only are sent without decimals, or not at all") {
  CHECK(paypal_value(12300, currency("HUF")) == "123");
  CHECK(paypal_value(12345, currency("HUF")) == std::nullopt);
  CHECK(paypal_value(9900, currency("TWD")) == "99");
}

TEST_CASE("an amount object names its currency; one of no ISO 4217 currency is none") {
  const auto amount = paypal_amount(4250, "USD");
  REQUIRE(amount);
  CHECK(boost::json::serialize(*amount) == R"({"currency_code":"USD","value":"42.50"})");
  CHECK_FALSE(paypal_amount(100, "XXY"));
}

TEST_CASE("values are read back in minor units, fewer decimals too") {
  CHECK(minor_units_of("19.99", currency("USD")) == 1999);
  CHECK(minor_units_of("19.9", currency("USD")) == 1990);
  CHECK(minor_units_of("19", currency("USD")) == 1900);
  CHECK(minor_units_of("0.05", currency("USD")) == 5);
  CHECK(minor_units_of("500", currency("JPY")) == 500);
  CHECK(minor_units_of("1.500", currency("KWD")) == 1500);
  CHECK(minor_units_of("123", currency("HUF")) == 12300);
  const boost::json::value amount = {{"currency_code", "EUR"}, {"value", "10.01"}};
  CHECK(read_paypal_amount(&amount) == 1001);
}

TEST_CASE("a value that is not a plain amount of the currency is not read") {
  for (const auto* value : {"", "1.999", "-1.00", "1e3", "1,00", "1.", ".5", " 1.00", "12345678901234567"})
    CHECK(minor_units_of(value, currency("USD")) == std::nullopt);
  CHECK(minor_units_of("500.5", currency("JPY")) == std::nullopt);
  const boost::json::value no_currency = {{"value", "10.00"}};
  CHECK_FALSE(read_paypal_amount(&no_currency));
  CHECK_FALSE(read_paypal_amount(nullptr));
}
