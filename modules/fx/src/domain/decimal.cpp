#include "domain/decimal.hpp"

#include <cstdlib>

namespace agora::fx {
namespace {

__extension__ typedef __int128 Int128;  // wide enough for a rate times an amount times powers of ten

Int128 pow10(int n) {
  Int128 p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

// a * b, or nullopt on overflow.
std::optional<Int128> times(Int128 a, Int128 b) {
  Int128 out;
  if (__builtin_mul_overflow(a, b, &out)) return std::nullopt;
  return out;
}

std::optional<Int128> product(std::initializer_list<Int128> factors) {
  Int128 out = 1;
  for (const auto f : factors) {
    const auto next = times(out, f);
    if (!next) return std::nullopt;
    out = *next;
  }
  return out;
}

// n / d rounded half to even; d > 0.
Int128 divide_half_even(Int128 n, Int128 d) {
  const bool negative = n < 0;
  const Int128 magnitude = negative ? -n : n;
  Int128 q = magnitude / d;
  const Int128 r = magnitude % d;
  const Int128 rest = d - r;  // compared with r instead of doubling r, which could overflow
  if (r > rest || (r == rest && q % 2 == 1)) ++q;
  return negative ? -q : q;
}

std::optional<std::int64_t> narrow(Int128 v) {
  if (v > INT64_MAX || v < INT64_MIN) return std::nullopt;
  return static_cast<std::int64_t>(v);
}

}  // namespace

bool Decimal::operator==(const Decimal& other) const {
  const auto a = normalized(*this), b = normalized(other);
  return a.mantissa == b.mantissa && a.scale == b.scale;
}

std::optional<Decimal> parse_decimal(std::string_view text) {
  const auto point = text.find('.');
  const auto whole = text.substr(0, point);
  const auto fraction = point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
  if (whole.empty() || (point != std::string_view::npos && fraction.empty())) return std::nullopt;
  if (fraction.size() > static_cast<std::size_t>(kMaxScale)) return std::nullopt;
  std::int64_t mantissa = 0;
  int significant = 0;
  for (const auto part : {whole, fraction}) {
    for (const char c : part) {
      if (c < '0' || c > '9') return std::nullopt;
      if (significant > 0 || c != '0') ++significant;
      if (significant > 18) return std::nullopt;
      mantissa = mantissa * 10 + (c - '0');
    }
  }
  return Decimal{mantissa, static_cast<int>(fraction.size())};
}

Decimal normalized(Decimal d) {
  while (d.scale > 0 && d.mantissa % 10 == 0) {
    d.mantissa /= 10;
    --d.scale;
  }
  return d;
}

std::string to_string(Decimal d) {
  d = normalized(d);
  std::string digits = std::to_string(std::llabs(d.mantissa));
  if (d.scale > 0) {
    if (digits.size() <= static_cast<std::size_t>(d.scale)) digits.insert(0, d.scale + 1 - digits.size(), '0');
    digits.insert(digits.size() - d.scale, ".");
  }
  return d.mantissa < 0 ? "-" + digits : digits;
}

std::optional<std::int64_t> convert_minor(std::int64_t amount, int from_units, Decimal from_rate, int to_units,
                                          Decimal to_rate) {
  from_rate = normalized(from_rate);
  to_rate = normalized(to_rate);
  // amount / 10^from_units * (to.m / 10^to.s) / (from.m / 10^from.s) * 10^to_units
  const auto n = product({amount, to_rate.mantissa, pow10(from_rate.scale), pow10(to_units)});
  const auto d = product({from_rate.mantissa, pow10(to_rate.scale), pow10(from_units)});
  if (!n || !d || *d <= 0) return std::nullopt;
  return narrow(divide_half_even(*n, *d));
}

std::optional<Decimal> divide(Decimal numerator, Decimal denominator, int decimals) {
  numerator = normalized(numerator);
  denominator = normalized(denominator);
  // (n.m / 10^n.s) / (d.m / 10^d.s) * 10^decimals
  const auto n = product({numerator.mantissa, pow10(denominator.scale), pow10(decimals)});
  const auto d = product({denominator.mantissa, pow10(numerator.scale)});
  if (!n || !d || *d <= 0 || decimals > kMaxScale) return std::nullopt;
  const auto mantissa = narrow(divide_half_even(*n, *d));
  if (!mantissa) return std::nullopt;
  return normalized(Decimal{*mantissa, decimals});
}

}  // namespace agora::fx
