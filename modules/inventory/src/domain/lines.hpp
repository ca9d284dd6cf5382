#pragma once
// What a line of stock may name: a SKU of letters, digits, '-', '_' and '.', and a quantity; the
// lines of a reservation or an order are 1 to kMaxLines of them.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace agora::inventory {

inline constexpr std::size_t kMaxSkuLength = 64;
inline constexpr std::int64_t kMaxQuantity = 1'000'000'000;  // units in any one line, movement or count
inline constexpr std::size_t kMaxLines = 100;

bool valid_sku(std::string_view sku);

struct Line {
  std::string sku;
  std::int64_t quantity = 0;
};

// Lines of the same SKU summed, sorted by SKU.
std::vector<Line> merge_lines(std::vector<Line> lines);

}  // namespace agora::inventory
