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

std::vector<PriceBucket> price_buckets(const std::vector<std::int64_t>& prices, std::size_t buckets) {
  constexpr std::size_t kSample = 4096;
  if (prices.empty() || buckets == 0) return {};
  const auto lowest = *std::min_element(prices.begin(), prices.end());
  std::vector<std::int64_t> sample;
  const auto step = std::max<std::size_t>(1, prices.size() / kSample);
  for (std::size_t i = 0; i < prices.size(); i += step) sample.push_back(prices[i]);
  // Quantiles by selection, not a sort, each among what the one before left above it.
  std::vector<std::int64_t> bounds;  // each bucket's lower bound after the first
  auto from = sample.begin();
  for (std::size_t i = 1; i < buckets; ++i) {
    const auto at = sample.begin() + static_cast<std::ptrdiff_t>(i * sample.size() / buckets);
    std::nth_element(from, at, sample.end());
    from = at;
    const auto bound = round_down(*at);
    if (bound > lowest && (bounds.empty() || bound > bounds.back())) bounds.push_back(bound);
  }
  std::vector<std::size_t> counts(bounds.size() + 1, 0);
  for (const auto p : prices) {
    std::size_t bucket = 0;  // the bounds at or below p, counted without a branch to mispredict
    for (const auto bound : bounds) bucket += p >= bound ? 1 : 0;
    ++counts[bucket];
  }
  std::vector<PriceBucket> out;
  for (std::size_t i = 0; i < counts.size(); ++i)
    if (counts[i] > 0)
      out.push_back({i == 0 ? std::nullopt : std::optional(bounds[i - 1]),
                     i < bounds.size() ? std::optional(bounds[i]) : std::nullopt, counts[i]});
  return out;
}

}  // namespace agora::search
