#include "domain/rounding.hpp"

#include <algorithm>
#include <numeric>

namespace agora::cart {

std::int64_t divide_rounded(int128 numerator, int128 denominator) {
  const int128 magnitude = numerator < 0 ? -numerator : numerator;
  const int128 rounded = (2 * magnitude + denominator) / (2 * denominator);
  return static_cast<std::int64_t>(numerator < 0 ? -rounded : rounded);
}

std::vector<std::int64_t> allocate(std::int64_t amount, const std::vector<std::int64_t>& weights) {
  std::vector<std::int64_t> parts(weights.size(), 0);
  if (weights.empty()) return parts;
  int128 total = 0;
  for (const auto w : weights) total += w;
  const bool equal = total == 0;
  if (equal) total = static_cast<int128>(weights.size());

  std::vector<int128> remainders(weights.size());
  std::int64_t left = amount;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const int128 share = static_cast<int128>(amount) * (equal ? 1 : weights[i]);
    parts[i] = static_cast<std::int64_t>(share / total);
    remainders[i] = share % total;
    left -= parts[i];
  }
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  for (std::size_t k = 0; left > 0; ++k, --left) ++parts[order[k]];
  return parts;
}

}  // namespace agora::cart
