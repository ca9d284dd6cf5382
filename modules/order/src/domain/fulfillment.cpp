#include "domain/fulfillment.hpp"

#include <agora/core/error.hpp>

#include <algorithm>
#include <map>

namespace agora::order {
namespace {

// Units of each order line (by position) not in any fulfillment yet.
std::map<int, std::int64_t> unshipped(const Order& o, const std::vector<Fulfillment>& fulfillments) {
  std::map<int, std::int64_t> left;
  for (const auto& l : o.lines) left[l.position] = l.quantity;
  for (const auto& f : fulfillments)
    for (const auto& l : f.lines) left[l.position] -= l.quantity;
  return left;
}

}  // namespace

std::vector<FulfilledLine> lines_to_ship(const Order& o, const std::vector<Fulfillment>& earlier,
                                         const std::vector<ShipLine>& asked) {
  auto left = unshipped(o, earlier);
  std::vector<FulfilledLine> out;
  if (asked.empty()) {
    for (const auto& [position, quantity] : left)
      if (quantity > 0) out.push_back({position, quantity});
    if (out.empty()) throw Error(ErrorKind::conflict, "every unit of the order has been shipped already");
    return out;
  }
  return take_units(o, std::move(left), asked, "left to ship", "these lines cannot be shipped");
}

std::vector<FulfilledLine> take_units(const Order& o, std::map<int, std::int64_t> left,
                                      const std::vector<ShipLine>& asked, std::string_view left_means,
                                      std::string_view refused) {
  std::vector<FulfilledLine> out;
  std::vector<FieldError> bad;
  for (std::size_t i = 0; i < asked.size(); ++i) {
    const auto field = "lines[" + std::to_string(i) + "]";
    const auto line =
        std::find_if(o.lines.begin(), o.lines.end(), [&](const OrderLine& l) { return l.sku == asked[i].sku; });
    if (line == o.lines.end()) {
      bad.push_back({field + ".sku", "is not a line of this order"});
      continue;
    }
    auto& remaining = left[line->position];
    if (asked[i].quantity > remaining) {
      bad.push_back(
          {field + ".quantity", std::to_string(std::max<std::int64_t>(remaining, 0)) + " " + std::string(left_means)});
      continue;
    }
    remaining -= asked[i].quantity;
    out.push_back({line->position, asked[i].quantity});
  }
  if (!bad.empty()) throw Error(ErrorKind::validation, std::string(refused), std::move(bad));
  return out;
}

bool fully_shipped(const Order& o, const std::vector<Fulfillment>& fulfillments) {
  for (const auto& [position, quantity] : unshipped(o, fulfillments))
    if (quantity > 0) return false;
  return true;
}

}  // namespace agora::order
