#pragma once
// The price facet: ranges with round bounds that split the prices found into groups of similar
// size, and how many fall in each. Pure.
#include <cstdint>
#include <optional>
#include <vector>

namespace agora::search {

struct PriceBucket {
  std::optional<std::int64_t> from;  // inclusive; nullopt: no lower bound
  std::optional<std::int64_t> to;    // exclusive; nullopt: no upper bound
  std::size_t count = 0;
};

// `prices` in minor units, in any order. At most `buckets` ranges, none empty; [] for no prices.
// Counts are exact; the bounds come from quantiles of at most 4,096 of the prices, evenly spaced
// (a broad search prices tens of thousands of products, and the bounds are rounded anyway).
std::vector<PriceBucket> price_buckets(const std::vector<std::int64_t>& prices, std::size_t buckets);

// The largest "round" amount (1, 2 or 5 times a power of ten) not above `amount`; 0 for amount <= 0.
std::int64_t round_down(std::int64_t amount);

}  // namespace agora::search
