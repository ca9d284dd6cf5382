#pragma once
// Which tax rate applies where, whether listed prices include it, and the tax in an amount.
#include "domain/pricing.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace agora::cart {

inline constexpr std::int64_t kPpm = 1'000'000;

// ISO 3166-1 alpha-2 in upper case ("DE").
bool valid_country(std::string_view code);

// The rate of `category` at `where`: the region's when it has one, else the country's, else 0.
std::int64_t tax_rate_ppm(const std::vector<TaxRate>& rates, const Destination& where, const std::string& category);

// Listed prices include tax in the cart's currency or for the taxed country.
bool tax_inclusive(const PricingRules& rules, const std::string& currency, const std::string& country);

// The tax in (inclusive) or on (exclusive) `amount` at `rate_ppm`, rounded half away from zero.
std::int64_t tax_of(std::int64_t amount, std::int64_t rate_ppm, bool inclusive);

}  // namespace agora::cart
