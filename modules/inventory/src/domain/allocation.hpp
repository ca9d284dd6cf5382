#pragma once
// Allocation of reservation lines to warehouses: pure rules, no I/O.
#include "domain/lines.hpp"

#include <boost/describe/class.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agora::inventory {

// What one warehouse can give of one SKU right now.
struct Candidate {
  std::string sku;
  std::string warehouse_id;
  std::string warehouse_code;
  std::string region;
  int priority = 0;  // lower first
  std::int64_t allocatable = 0;
};

struct Allocation {
  std::string sku;
  std::string warehouse_id;
  std::int64_t quantity = 0;
};
BOOST_DESCRIBE_STRUCT(Allocation, (), (sku, warehouse_id, quantity))

struct Shortage {
  std::string sku;
  std::int64_t requested = 0;
  std::int64_t available = 0;
};

// priority: warehouses by priority, then code. region: those in the shipping region first.
enum class Strategy { priority, region };
std::optional<Strategy> parse_strategy(std::string_view text);

struct AllocationResult {
  std::vector<Allocation> allocations;  // sorted by sku, warehouse id
  std::vector<Shortage> shortages;      // empty when every line is covered
};

// All or nothing: every line covered, or only shortages. Prefers one warehouse for the whole
// order, then one warehouse per line (those already used first, then in strategy order), and splits
// a line only when no warehouse has all of it, fullest warehouses first.
AllocationResult allocate(const std::vector<Line>& lines, const std::vector<Candidate>& candidates, Strategy strategy,
                          std::string_view shipping_region);

}  // namespace agora::inventory
