#pragma once
// The one rounding rule of pricing.hpp as arithmetic: a quotient rounded half away from zero, and
// an amount split over weights by largest remainder so that the parts sum exactly to it.
#include <cstdint>
#include <vector>

namespace agora::cart {

// 128 bits: a minor-unit amount times a rate in ppm overflows 64 bits long before money does.
__extension__ typedef __int128 int128;

// numerator / denominator rounded half away from zero; denominator > 0.
std::int64_t divide_rounded(int128 numerator, int128 denominator);

// `amount` (>= 0) split over `weights` (>= 0) in proportion, each part rounded down, then the units
// left over going one by one to the largest remainders (a tie to the earlier weight). Equal shares
// when every weight is 0; nothing when there are no weights.
std::vector<std::int64_t> allocate(std::int64_t amount, const std::vector<std::int64_t>& weights);

}  // namespace agora::cart
