#include "domain/price_buckets.hpp"

#include <algorithm>

namespace agora::search {

std::int64_t round_down(std::int64_t amount) {
  if (amount <= 0) return 0;
  std::int64_t power = 1;
  while (power <= amount / 10) power *= 10;
  for (const std::int64_t m : {5, 2, 1})
    if (m * power <= amount) return m * power;
  return power;
}

std::vector<PriceBucket> price_buckets(std::vector<std::int64_t>& prices, std::size_t buckets) {
  if (prices.empty() || buckets == 0) return {};
  // Quantiles by selection, not a sort: a broad search prices tens of thousands of products.
  const auto lowest = *std::min_element(prices.begin(), prices.end());
  std::vector<std::int64_t> bounds;  // each bucket's lower bound after the first
  for (std::size_t i = 1; i < buckets; ++i) {
    const auto at = prices.begin() + static_cast<std::ptrdiff_t>(i * prices.size() / buckets);
    std::nth_element(prices.begin(), at, prices.end());
    const auto bound = round_down(*at);
    if (bound > lowest && (bounds.empty() || bound > bounds.back())) bounds.push_back(bound);
  }
  std::vector<std::size_t> counts(bounds.size() + 1, 0);
  for (const auto p : prices)
    ++counts[static_cast<std::size_t>(std::upper_bound(bounds.begin(), bounds.end(), p) - bounds.begin())];
  std::vector<PriceBucket> out;
  for (std::size_t i = 0; i < counts.size(); ++i)
    if (counts[i] > 0)
      out.push_back({i == 0 ? std::nullopt : std::optional(bounds[i - 1]),
                     i < bounds.size() ? std::optional(bounds[i]) : std::nullopt, counts[i]});
  return out;
}

}  // namespace agora::search
