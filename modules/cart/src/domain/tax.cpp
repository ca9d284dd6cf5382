#include "domain/tax.hpp"

#include "domain/rounding.hpp"

#include <algorithm>

namespace agora::cart {

bool valid_country(std::string_view code) {
  return code.size() == 2 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

namespace {

const TaxRate* find_rate(const std::vector<TaxRate>& rates, const std::string& country, const std::string& region,
                         const std::string& category) {
  const auto it = std::find_if(rates.begin(), rates.end(), [&](const TaxRate& r) {
    return r.country == country && r.region == region && r.category == category;
  });
  return it == rates.end() ? nullptr : &*it;
}

bool listed(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

std::int64_t tax_rate_ppm(const std::vector<TaxRate>& rates, const Destination& where, const std::string& category) {
  if (!where.region.empty())
    if (const auto* r = find_rate(rates, where.country, where.region, category)) return r->rate_ppm;
  if (const auto* r = find_rate(rates, where.country, "", category)) return r->rate_ppm;
  return 0;
}

bool tax_inclusive(const PricingRules& rules, const std::string& currency, const std::string& country) {
  return listed(rules.tax_inclusive_currencies, currency) || listed(rules.tax_inclusive_countries, country);
}

std::int64_t tax_of(std::int64_t amount, std::int64_t rate_ppm, bool inclusive) {
  const int128 scaled = static_cast<int128>(amount) * rate_ppm;
  return inclusive ? divide_rounded(scaled, kPpm + rate_ppm) : divide_rounded(scaled, kPpm);
}

}  // namespace agora::cart
