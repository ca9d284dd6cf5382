#pragma once
// Exact decimal numbers for exchange rates (an integer mantissa and a power-of-ten scale) and the
// integer arithmetic that converts amounts with them, rounding half to even. No floating point.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace agora::fx {

struct Decimal {
  std::int64_t mantissa = 0;  // value = mantissa / 10^scale
  int scale = 0;              // 0..18

  // Equal values compare equal whatever their scale (1.50 == 1.5).
  bool operator==(const Decimal& other) const;
};

inline constexpr int kMaxScale = 18;

// "1.0856", "162", "0.000123": digits with at most one point, no sign or exponent, at most 18
// significant digits and 18 decimals; nullopt otherwise.
std::optional<Decimal> parse_decimal(std::string_view text);
// The shortest form: trailing zeros after the point dropped ("1.50" -> "1.5", "2.0" -> "2").
std::string to_string(Decimal d);
Decimal normalized(Decimal d);

// `amount` minor units of a currency with `from_units` decimals, priced at `from_rate` units per
// base, in minor units of a currency with `to_units` decimals priced at `to_rate` per base:
// amount * to_rate / from_rate, rounded half to even. nullopt when the result leaves int64.
std::optional<std::int64_t> convert_minor(std::int64_t amount, int from_units, Decimal from_rate, int to_units,
                                          Decimal to_rate);

// numerator / denominator rounded half to even to `decimals` places (<= 18), normalized;
// nullopt when it does not fit. The denominator must be positive.
std::optional<Decimal> divide(Decimal numerator, Decimal denominator, int decimals);

}  // namespace agora::fx
