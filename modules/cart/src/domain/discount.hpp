#pragma once
// Discount codes: whether one applies to a cart, and what it takes off each line.
#include "domain/pricing.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace agora::cart {

inline constexpr std::size_t kMaxCodeLength = 64;

// Codes are matched case-insensitively: stored, and looked up, upper case.
std::string normalized_code(std::string_view code);
// What a code may be written with: 1 to kMaxCodeLength letters, digits, '-' and '_'.
bool valid_code(std::string_view code);

// The line is of a listed SKU or category (or the code lists neither).
bool eligible(const DiscountCode& code, const LineInput& line);

// Why `code` (nullptr: not found) does not apply to the cart whose lines cost `subtotal` before any
// discount, as CodeResult::reason says; "" when it applies.
std::string why_not(const DiscountCode* code, const CartInput& cart, std::int64_t subtotal);

// What the code takes off each line, out of what `remaining` of the line is left after the codes
// before it: a percentage of each eligible line rounded per line, or the fixed amount capped at the
// eligible lines' remaining sum and split over them by largest remainder.
std::vector<std::int64_t> line_discounts(const DiscountCode& code, const CartInput& cart,
                                         const std::vector<std::int64_t>& remaining);

}  // namespace agora::cart
