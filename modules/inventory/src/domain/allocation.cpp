#include "domain/allocation.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace agora::inventory {
namespace {

struct Site {
  std::string id;
  std::string code;
  std::string region;
  int priority = 0;
};

// Warehouses in the order the strategy tries them.
std::vector<Site> ranked(const std::vector<Candidate>& candidates, Strategy strategy, std::string_view region) {
  std::vector<Site> out;
  for (const auto& c : candidates)
    if (std::none_of(out.begin(), out.end(), [&](const Site& w) { return w.id == c.warehouse_id; }))
      out.push_back({c.warehouse_id, c.warehouse_code, c.region, c.priority});
  const auto key = [&](const Site& w) {
    const bool elsewhere = strategy == Strategy::region && !region.empty() && w.region != region;
    return std::make_tuple(elsewhere, w.priority, std::string_view(w.code));
  };
  std::sort(out.begin(), out.end(), [&](const Site& a, const Site& b) { return key(a) < key(b); });
  return out;
}

}  // namespace

std::optional<Strategy> parse_strategy(std::string_view text) {
  if (text == "priority") return Strategy::priority;
  if (text == "region") return Strategy::region;
  return std::nullopt;
}

AllocationResult allocate(const std::vector<Line>& lines, const std::vector<Candidate>& candidates, Strategy strategy,
                          std::string_view shipping_region) {
  std::map<std::pair<std::string, std::string>, std::int64_t> left;  // (sku, warehouse id) -> allocatable
  for (const auto& c : candidates) left[{c.sku, c.warehouse_id}] += std::max<std::int64_t>(0, c.allocatable);
  const auto has = [&](const std::string& sku, const std::string& warehouse) {
    auto it = left.find({sku, warehouse});
    return it == left.end() ? 0 : it->second;
  };

  AllocationResult result;
  const auto warehouses = ranked(candidates, strategy, shipping_region);
  for (const auto& l : lines) {
    std::int64_t total = 0;
    for (const auto& w : warehouses) total += has(l.sku, w.id);
    if (total < l.quantity) result.shortages.push_back({l.sku, l.quantity, total});
  }
  if (!result.shortages.empty()) return result;

  const auto whole = std::find_if(warehouses.begin(), warehouses.end(), [&](const Site& w) {
    return std::all_of(lines.begin(), lines.end(), [&](const Line& l) { return has(l.sku, w.id) >= l.quantity; });
  });
  if (whole != warehouses.end()) {
    for (const auto& l : lines) result.allocations.push_back({l.sku, whole->id, l.quantity});
  } else {
    std::vector<std::string> used;
    for (const auto& l : lines) {
      auto order = warehouses;
      std::stable_partition(order.begin(), order.end(),
                            [&](const Site& w) { return std::find(used.begin(), used.end(), w.id) != used.end(); });
      const auto single =
          std::find_if(order.begin(), order.end(), [&](const Site& w) { return has(l.sku, w.id) >= l.quantity; });
      if (single != order.end()) {
        order = {*single};
      } else {  // the fewest warehouses: the fullest first
        std::stable_sort(order.begin(), order.end(),
                         [&](const Site& a, const Site& b) { return has(l.sku, a.id) > has(l.sku, b.id); });
      }
      std::int64_t wanted = l.quantity;
      for (const auto& w : order) {
        const auto take = std::min(wanted, has(l.sku, w.id));
        if (take == 0) continue;
        result.allocations.push_back({l.sku, w.id, take});
        if (std::find(used.begin(), used.end(), w.id) == used.end()) used.push_back(w.id);
        wanted -= take;
        if (wanted == 0) break;
      }
    }
  }
  std::sort(result.allocations.begin(), result.allocations.end(), [](const Allocation& a, const Allocation& b) {
    return std::tie(a.sku, a.warehouse_id) < std::tie(b.sku, b.warehouse_id);
  });
  return result;
}

}  // namespace agora::inventory
