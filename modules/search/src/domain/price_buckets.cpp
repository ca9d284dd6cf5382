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
  std::sort(prices.begin(), prices.end());
  std::vector<std::int64_t> bounds;  // each bucket's lower bound after the first
  for (std::size_t i = 1; i < buckets; ++i) {
    const auto bound = round_down(prices[i * prices.size() / buckets]);
    if (bound > prices.front() && (bounds.empty() || bound > bounds.back())) bounds.push_back(bound);
  }
  std::vector<PriceBucket> out;
  auto begin = prices.begin();
  for (std::size_t i = 0; i <= bounds.size(); ++i) {
    const auto end = i < bounds.size() ? std::lower_bound(begin, prices.end(), bounds[i]) : prices.end();
    const auto count = static_cast<std::size_t>(end - begin);
    if (count > 0)
      out.push_back({i == 0 ? std::nullopt : std::optional(bounds[i - 1]),
                     i < bounds.size() ? std::optional(bounds[i]) : std::nullopt, count});
    begin = end;
  }
  return out;
}

}  // namespace agora::search
