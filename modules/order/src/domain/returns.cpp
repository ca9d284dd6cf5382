#include "domain/returns.hpp"

#include <agora/core/error.hpp>

#include <algorithm>
#include <map>

namespace agora::order {
namespace {

std::map<int, std::int64_t> units(const std::vector<FulfilledLine>& lines, std::map<int, std::int64_t> into = {}) {
  for (const auto& l : lines) into[l.position] += l.quantity;
  return into;
}

__extension__ typedef __int128 Wide;  // GCC's; -Wpedantic would warn of it otherwise

// total × part / whole, rounded down, without overflow.
std::int64_t share(std::int64_t total, std::int64_t part, std::int64_t whole) {
  return static_cast<std::int64_t>(static_cast<Wide>(total) * part / whole);
}

}  // namespace

std::vector<FulfilledLine> lines_to_return(const Order& o, const std::vector<ShipLine>& asked) {
  std::map<int, std::int64_t> left;
  for (const auto& f : o.fulfillments) left = units(f.lines, std::move(left));
  if (left.empty()) throw Error(ErrorKind::conflict, "nothing of the order has shipped: cancel it instead");
  for (const auto& r : o.returns)
    for (const auto& l : r.lines) left[l.position] -= l.quantity;
  return take_units(o, std::move(left), asked, "shipped and not returned yet", "these lines cannot be returned");
}

std::int64_t refund_for(const Order& o, const Return& r) {
  std::map<int, std::int64_t> before;  // units of each line in the returns received before this one
  for (const auto& earlier : o.returns)
    if (earlier.id != r.id && earlier.status == "received") before = units(earlier.lines, std::move(before));
  std::int64_t amount = 0;
  for (const auto& l : r.lines) {
    const auto& line = o.lines[static_cast<std::size_t>(l.position - 1)];
    const auto was = before[l.position];
    amount += share(line.total, was + l.quantity, line.quantity) - share(line.total, was, line.quantity);
  }
  return amount;
}

}  // namespace agora::order
