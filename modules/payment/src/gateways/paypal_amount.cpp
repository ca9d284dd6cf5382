#include "gateways/paypal_amount.hpp"

#include "gateways/json_reading.hpp"

#include <algorithm>
#include <array>

namespace agora::payment {
namespace {

using namespace json_reading;

// Digits of a value read back: 15 fit an int64 in minor units with room for three decimals.
constexpr std::size_t kMaxDigits = 15;

// PayPal refuses decimals in these though ISO 4217 gives them minor units
// (https://developer.paypal.com/reference/currency-codes/).
bool whole_units_only(std::string_view code) { return code == "HUF" || code == "TWD"; }

std::int64_t power_of_ten(int n) {
  std::int64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

bool digits_only(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<std::string> paypal_value(std::int64_t minor, const Currency& currency) {
  if (minor < 0) return std::nullopt;
  const auto unit = power_of_ten(currency.minor_units);
  const auto whole = std::to_string(minor / unit);
  const auto fraction = minor % unit;
  if (currency.minor_units == 0) return whole;
  if (whole_units_only(currency.code)) return fraction == 0 ? std::optional(whole) : std::nullopt;
  auto decimals = std::to_string(fraction);
  decimals.insert(0, currency.minor_units - decimals.size(), '0');
  return whole + "." + decimals;
}

std::optional<boost::json::object> paypal_amount(std::int64_t minor, std::string_view currency) {
  const auto* c = find_currency(currency);
  const auto value = c ? paypal_value(minor, *c) : std::nullopt;
  if (!value) return std::nullopt;
  return boost::json::object{{"currency_code", c->code}, {"value", *value}};
}

std::optional<std::int64_t> minor_units_of(std::string_view value, const Currency& currency) {
  const auto dot = value.find('.');
  const auto whole = value.substr(0, dot);
  const auto decimals = dot == std::string_view::npos ? std::string_view{} : value.substr(dot + 1);
  if (!digits_only(whole) || whole.size() > kMaxDigits) return std::nullopt;
  if (dot != std::string_view::npos && (!digits_only(decimals) || decimals.size() > std::size_t(currency.minor_units)))
    return std::nullopt;
  std::int64_t minor = 0;
  for (const char c : whole) minor = minor * 10 + (c - '0');
  minor *= power_of_ten(currency.minor_units);
  std::int64_t fraction = 0;
  for (const char c : decimals) fraction = fraction * 10 + (c - '0');
  return minor + fraction * power_of_ten(currency.minor_units - static_cast<int>(decimals.size()));
}

std::optional<std::int64_t> read_paypal_amount(const boost::json::value* amount) {
  const auto* currency = find_currency(text(at(amount, "currency_code")));
  if (!currency) return std::nullopt;
  return minor_units_of(text(at(amount, "value")), *currency);
}

}  // namespace agora::payment
