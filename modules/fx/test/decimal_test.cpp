// Exact decimal rates and half-to-even rounding of conversions (no I/O).
#include "domain/decimal.hpp"

#include <catch2/catch.hpp>

using namespace agora::fx;

namespace {

Decimal d(const char* text) { return parse_decimal(text).value(); }

}  // namespace

TEST_CASE("decimals parse exactly and print in their shortest form") {
  CHECK(d("1.0856") == Decimal{10856, 4});
  CHECK(d("162.45").mantissa == 16245);
  CHECK(d("1.50") == d("1.5"));
  CHECK(to_string(d("0.85210")) == "0.8521");
  CHECK(to_string(d("162")) == "162");
  CHECK(to_string(d("0.000123")) == "0.000123");
  CHECK(to_string(d("2.000")) == "2");
  CHECK(to_string(Decimal{-5, 3}) == "-0.005");
}

TEST_CASE("anything but plain digits with one point is not a decimal") {
  for (const char* bad : {"", ".", "1.", ".5", "-1", "+1", "1e3", "1,5", "1.2.3", " 1", "NaN", "0x10",
                          "1234567890123456789", "0.1234567890123456789"})
    CHECK_FALSE(parse_decimal(bad).has_value());
  CHECK(parse_decimal("000000000000000000001.5").has_value());  // leading zeros are not significant
}

TEST_CASE("a conversion rounds half to even to the target's minor units") {
  // 1 unit of the base per 1: the rate alone decides.
  const Decimal one{1, 0};
  // 0.125 USD -> cents: a tie between 12 and 13 goes to the even 12; 0.135 goes to 14.
  CHECK(convert_minor(125, 3, one, 2, one) == 12);
  CHECK(convert_minor(135, 3, one, 2, one) == 14);
  CHECK(convert_minor(-125, 3, one, 2, one) == -12);
  CHECK(convert_minor(-135, 3, one, 2, one) == -14);
  // 2.50 JPY-like rate: 1 cent at 2.5 yen per unit = 0.025 yen -> 0; 100 cents -> 2.5 yen -> 2 (even); 300 -> 7.5 -> 8.
  CHECK(convert_minor(100, 2, one, 0, d("2.5")) == 2);
  CHECK(convert_minor(300, 2, one, 0, d("2.5")) == 8);
  CHECK(convert_minor(1, 2, one, 0, d("2.5")) == 0);
  // Just above a tie rounds up, just below rounds down.
  CHECK(convert_minor(100, 2, one, 0, d("2.5000001")) == 3);
  CHECK(convert_minor(100, 2, one, 0, d("2.4999999")) == 2);
}

TEST_CASE("USD, JPY and KWD convert through the base with their own minor units") {
  const auto usd = d("1.0856"), jpy = d("162.45"), kwd = d("0.3321");
  // 100.00 EUR -> USD: 108.56 USD exactly.
  CHECK(convert_minor(10000, 2, Decimal{1, 0}, 2, usd) == 10856);
  // 100.00 USD -> JPY: 100 * 162.45 / 1.0856 = 14964.07... -> 14964 JPY (no minor units).
  CHECK(convert_minor(10000, 2, usd, 0, jpy) == 14964);
  // 1000 JPY -> USD: 1000 * 1.0856 / 162.45 = 6.68267... -> 6.68 USD.
  CHECK(convert_minor(1000, 0, jpy, 2, usd) == 668);
  // 10.00 USD -> KWD (3 minor units): 10 * 0.3321 / 1.0856 = 3.059137... -> 3.059 KWD.
  CHECK(convert_minor(1000, 2, usd, 3, kwd) == 3059);
  // 1.000 KWD -> JPY: 162.45 / 0.3321 = 489.159... -> 489 JPY.
  CHECK(convert_minor(1000, 3, kwd, 0, jpy) == 489);
  // A cross tie: 1 JPY at rates 2 and 0.5 per base is 0.25 -> in cents 25; at 8 and 1: 0.125 -> 12 (even).
  CHECK(convert_minor(1, 0, d("8"), 2, Decimal{1, 0}) == 12);
  CHECK(convert_minor(3, 0, d("8"), 2, Decimal{1, 0}) == 38);  // 0.375 -> 0.38 (8 is even)
}

TEST_CASE("a conversion that leaves 64-bit minor units is refused, not wrapped") {
  CHECK_FALSE(convert_minor(INT64_MAX, 0, Decimal{1, 0}, 2, d("1000")).has_value());
  CHECK(convert_minor(INT64_MAX, 2, Decimal{1, 0}, 2, Decimal{1, 0}) == INT64_MAX);
}

TEST_CASE("a cross rate is the ratio of both legs rounded half to even") {
  CHECK(divide(d("162.45"), d("1.0856"), 12) == d("149.640751658069"));
  CHECK(divide(d("1"), d("8"), 2) == d("0.12"));
  CHECK(divide(d("3"), d("8"), 2) == d("0.38"));
  CHECK(divide(d("1"), d("3"), 4) == d("0.3333"));
  CHECK(divide(d("2"), d("1"), 12) == d("2"));
}
