#pragma once
// Shipments of an order's lines: what may still be shipped, and the rules of a new fulfillment
// (only lines of the order, never more units than remain unshipped).
#include "domain/order.hpp"

#include <agora/core/clock.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agora::order {

// A line asked to be shipped, by SKU.
struct ShipLine {
  std::string sku;
  std::int64_t quantity = 0;
};

// The lines of a new fulfillment of `o`: `asked` (empty: every unit not shipped yet), checked
// against what `earlier` fulfillments shipped. Error{validation} naming lines[i] for a SKU not in the
// order or more units than remain; Error{conflict} when nothing remains to ship.
std::vector<FulfilledLine> lines_to_ship(const Order& o, const std::vector<Fulfillment>& earlier,
                                         const std::vector<ShipLine>& asked);

// `asked` (by SKU) taken from `left` (units of each order line, by position): Error{validation}
// naming lines[i] for a SKU not in the order, or more units than are left ("<n> " + `left_means`).
std::vector<FulfilledLine> take_units(const Order& o, std::map<int, std::int64_t> left,
                                      const std::vector<ShipLine>& asked, std::string_view left_means,
                                      std::string_view refused);

// Every unit of the order is in one of its fulfillments.
bool fully_shipped(const Order& o, const std::vector<Fulfillment>& fulfillments);

}  // namespace agora::order
