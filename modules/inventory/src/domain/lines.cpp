#include "domain/lines.hpp"

#include <algorithm>
#include <map>

namespace agora::inventory {

bool valid_sku(std::string_view sku) {
  return !sku.empty() && sku.size() <= kMaxSkuLength && std::all_of(sku.begin(), sku.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
  });
}

std::vector<Line> merge_lines(std::vector<Line> lines) {
  std::map<std::string, std::int64_t> sums;
  for (auto& l : lines) sums[std::move(l.sku)] += l.quantity;
  std::vector<Line> out;
  for (auto& [sku, quantity] : sums) out.push_back({sku, quantity});
  return out;
}

}  // namespace agora::inventory
