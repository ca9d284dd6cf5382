#include "domain/cart.hpp"

#include <agora/core/error.hpp>

#include <algorithm>

namespace agora::cart {
namespace {

std::vector<Line>::iterator find_line(std::vector<Line>& lines, std::string_view sku) {
  return std::find_if(lines.begin(), lines.end(), [&](const Line& l) { return l.sku == sku; });
}

Line& existing(std::vector<Line>& lines, std::string_view sku, std::string_view list) {
  const auto it = find_line(lines, sku);
  if (it == lines.end()) throw Error(ErrorKind::not_found, std::string(sku) + " is not in the " + std::string(list));
  return *it;
}

void check_quantity(std::int64_t quantity, const Caps& caps) {
  if (quantity > caps.max_quantity)
    throw Error(ErrorKind::validation, "invalid line",
                {{"quantity", "must be at most " + std::to_string(caps.max_quantity) + " per line"}});
}

void check_room(const std::vector<Line>& lines, const Caps& caps, std::string_view list) {
  if (lines.size() >= caps.max_lines)
    throw Error(ErrorKind::validation, "invalid line",
                {{"sku", "the " + std::string(list) + " holds at most " + std::to_string(caps.max_lines) + " lines"}});
}

// Puts `line` into `lines`, adding to the quantity of a line of its SKU; nullopt when there is no room.
std::optional<LineChange> put(std::vector<Line>& lines, Line line, const Caps& caps) {
  if (const auto it = find_line(lines, line.sku); it != lines.end()) {
    const auto before = it->quantity;
    it->quantity = std::min(caps.max_quantity, it->quantity + line.quantity);
    return LineChange{LineChange::Kind::changed, it->sku, it->quantity, before, it->added.unit_price};
  }
  if (lines.size() >= caps.max_lines) return std::nullopt;
  line.quantity = std::min(caps.max_quantity, line.quantity);
  lines.push_back(line);
  return LineChange{LineChange::Kind::added, line.sku, line.quantity, 0, line.added.unit_price};
}

}  // namespace

void require_active(const Cart& cart) {
  if (cart.status != CartStatus::active)
    throw Error(ErrorKind::conflict, "the cart is " +
                                         std::string(cart.status == CartStatus::merged ? "merged into another cart"
                                                     : cart.status == CartStatus::checked_out ? "checked out"
                                                                                              : "expired") +
                                         " and can no longer change");
}

std::vector<LineChange> add_line(Cart& cart, const std::string& sku, std::int64_t quantity,
                                 const LineSnapshot& snapshot, const Caps& caps, Timestamp now) {
  require_active(cart);
  if (const auto it = find_line(cart.lines, sku); it != cart.lines.end()) {
    check_quantity(it->quantity + quantity, caps);
    const auto before = it->quantity;
    it->quantity += quantity;
    return {{LineChange::Kind::changed, sku, it->quantity, before, it->added.unit_price}};
  }
  check_quantity(quantity, caps);
  check_room(cart.lines, caps, "cart");
  cart.lines.push_back({sku, quantity, snapshot, now});
  return {{LineChange::Kind::added, sku, quantity, 0, snapshot.unit_price}};
}

std::vector<LineChange> set_quantity(Cart& cart, const std::string& sku, std::int64_t quantity, const Caps& caps) {
  require_active(cart);
  if (quantity == 0) return remove_line(cart, sku);
  check_quantity(quantity, caps);
  auto& line = existing(cart.lines, sku, "cart");
  const auto before = line.quantity;
  if (before == quantity) return {};
  line.quantity = quantity;
  return {{LineChange::Kind::changed, sku, quantity, before, line.added.unit_price}};
}

std::vector<LineChange> remove_line(Cart& cart, const std::string& sku) {
  require_active(cart);
  const auto& line = existing(cart.lines, sku, "cart");
  LineChange change{LineChange::Kind::removed, sku, line.quantity, line.quantity, line.added.unit_price};
  cart.lines.erase(find_line(cart.lines, sku));
  return {change};
}

std::vector<LineChange> save_for_later(Cart& cart, const std::string& sku, const Caps& caps) {
  require_active(cart);
  const auto line = existing(cart.lines, sku, "cart");
  if (find_line(cart.saved, sku) == cart.saved.end()) check_room(cart.saved, caps, "saved list");
  put(cart.saved, line, caps);
  return remove_line(cart, sku);
}

std::vector<LineChange> move_to_cart(Cart& cart, const std::string& sku, const Caps& caps) {
  require_active(cart);
  const auto line = existing(cart.saved, sku, "saved list");
  if (find_line(cart.lines, sku) == cart.lines.end()) check_room(cart.lines, caps, "cart");
  auto change = put(cart.lines, line, caps);
  cart.saved.erase(find_line(cart.saved, sku));
  return {*change};
}

void remove_saved(Cart& cart, const std::string& sku) {
  require_active(cart);
  existing(cart.saved, sku, "saved list");
  cart.saved.erase(find_line(cart.saved, sku));
}

std::vector<LineChange> merge_into(Cart& guest, Cart& into, const Caps& caps, Timestamp now) {
  require_active(guest);
  require_active(into);
  std::vector<LineChange> changes;
  for (const auto& line : guest.lines) {
    if (const auto it = find_line(into.lines, line.sku); it != into.lines.end()) {
      if (line.quantity <= it->quantity) continue;
      const auto before = it->quantity;
      it->quantity = std::min(caps.max_quantity, line.quantity);
      changes.push_back({LineChange::Kind::changed, line.sku, it->quantity, before, it->added.unit_price});
    } else if (auto change = put(into.lines, line, caps)) {
      changes.push_back(*change);
    } else {
      put(into.saved, line, caps);  // no room in the cart: kept for later rather than dropped
    }
  }
  for (const auto& line : guest.saved)
    if (find_line(into.lines, line.sku) == into.lines.end()) put(into.saved, line, caps);
  for (const auto& code : guest.discount_codes)
    if (into.discount_codes.size() < caps.max_codes &&
        std::find(into.discount_codes.begin(), into.discount_codes.end(), code) == into.discount_codes.end())
      into.discount_codes.push_back(code);
  if (!into.shipping_address) into.shipping_address = guest.shipping_address;
  if (!into.billing_address) into.billing_address = guest.billing_address;
  guest.status = CartStatus::merged;
  guest.merged_into = into.id;
  guest.updated_at = into.updated_at = now;
  return changes;
}

bool tokens_match(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size() || a.empty()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace agora::cart
