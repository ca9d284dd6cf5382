#pragma once
// The rules of returns: only shipped units, each at most once, and the refund of what those units
// cost after discounts, with their tax and shipping share.
#include "domain/fulfillment.hpp"
#include "domain/order.hpp"

#include <cstdint>
#include <vector>

namespace agora::order {

// The lines of a new return of `o` (`asked` by SKU), checked against what shipped and what earlier
// returns took back. Error{validation} naming lines[i]; Error{conflict} when nothing shipped.
std::vector<FulfilledLine> lines_to_return(const Order& o, const std::vector<ShipLine>& asked);

// What the received return `r` gives back: per line, its total times the units returned, divided
// by its units, rounded down, except that the units returned so far in all received returns of the
// line never give back more or less in sum than total × returned / units rounded down (so the whole
// line returned gives back its whole total, and the order's refunds never exceed its total).
std::int64_t refund_for(const Order& o, const Return& r);

}  // namespace agora::order
