#pragma once
// Money in integer minor units of an ISO 4217 currency; never a floating point number.
#include <boost/json/fwd.hpp>
#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace agora {

struct Currency {
  std::string_view code;  // "USD"
  int minor_units;        // 2 for USD, 0 for JPY, 3 for KWD
  std::string_view name;
};

const Currency* find_currency(std::string_view code) noexcept;
std::span<const Currency> all_currencies() noexcept;

class Money {
 public:
  // Throws Error{validation} when the currency is not ISO 4217.
  Money(std::int64_t minor, std::string_view currency);

  std::int64_t minor() const noexcept { return minor_; }
  const std::string& currency() const noexcept { return currency_; }
  int minor_units() const noexcept;

  // Arithmetic refuses mixed currencies and overflow with Error{validation}.
  Money operator+(const Money& other) const;
  Money operator-(const Money& other) const;
  Money operator*(std::int64_t factor) const;
  bool operator==(const Money&) const = default;
  std::strong_ordering operator<=>(const Money& other) const;  // same currency only

  // "12.34 USD", "1000 JPY", "1.500 KWD"
  std::string to_string() const;

  boost::json::value to_json() const;
  // Parses {"amount": <int>, "currency": "USD"}; errors name `field`.
  static Money from_json(const boost::json::value& v, std::string_view field = "money");

 private:
  std::int64_t minor_;
  std::string currency_;
};

}  // namespace agora
