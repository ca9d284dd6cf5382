#pragma once
// A cart as a value: its lines with what they showed when added, saved-for-later lines, addresses,
// shipping method and discount codes, and the rules of changing it (caps, merge at sign-in). Each
// change returns what changed, for the cart.events; the caller stores the cart and its changes together.
#include <agora/core/clock.hpp>
#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace agora::cart {

BOOST_DEFINE_ENUM_CLASS(CartStatus, active, merged, checked_out, expired)

struct VariantOption {
  std::string name;
  std::string value;
};
BOOST_DESCRIBE_STRUCT(VariantOption, (), (name, value))

// What a line showed when it was added: a later price is compared with this one.
struct LineSnapshot {
  std::string title;
  std::vector<VariantOption> options;
  std::string image_url;
  std::int64_t unit_price = 0;  // minor units of the cart's currency
};
BOOST_DESCRIBE_STRUCT(LineSnapshot, (), (title, options, image_url, unit_price))

struct Line {
  std::string sku;
  std::int64_t quantity = 0;
  LineSnapshot added;
  Timestamp added_at;
};
BOOST_DESCRIBE_STRUCT(Line, (), (sku, quantity, added, added_at))

// An address a cart ships or bills to; saved_address_id when taken from the customer's saved ones.
struct CartAddress {
  std::string saved_address_id;
  std::string recipient, line1, line2, city, region, postal_code, country, phone;
};
BOOST_DESCRIBE_STRUCT(CartAddress, (),
                      (saved_address_id, recipient, line1, line2, city, region, postal_code, country, phone))

struct Cart {
  std::string id;
  std::string owner_id;    // "" for a guest cart
  std::string token_hash;  // SHA-256 of a guest cart's token (hex); "" once it has an owner
  std::string currency;
  std::string locale;
  CartStatus status = CartStatus::active;
  std::int64_t version = 1;
  std::vector<Line> lines;
  std::vector<Line> saved;
  std::optional<CartAddress> shipping_address, billing_address;
  std::string shipping_method_id;
  std::vector<std::string> discount_codes;
  std::string merged_into;  // the cart a merged guest cart went into
  std::string order_id;     // the order a checked-out cart became
  Timestamp created_at, updated_at, expires_at;
};
BOOST_DESCRIBE_STRUCT(Cart, (),
                      (id, owner_id, token_hash, currency, locale, status, version, lines, saved, shipping_address,
                       billing_address, shipping_method_id, discount_codes, merged_into, order_id, created_at,
                       updated_at, expires_at))

struct Caps {
  std::int64_t max_quantity = 99;  // per line
  std::size_t max_lines = 50;      // in the cart, and in the saved list
  std::size_t max_codes = 5;
};

// What one change did to a line, for the cart.events.
struct LineChange {
  enum class Kind { added, changed, removed } kind;
  std::string sku;
  std::int64_t quantity = 0;           // after the change (removed: what was removed)
  std::int64_t previous_quantity = 0;  // before it
  std::int64_t unit_price = 0;
};

// Every change: Error{conflict} unless the cart is active; Error{validation} naming the field
// (quantity, sku) past a cap; Error{not_found} for a SKU that is not in the list.
std::vector<LineChange> add_line(Cart& cart, const std::string& sku, std::int64_t quantity,
                                 const LineSnapshot& snapshot, const Caps& caps, Timestamp now);
// Quantity 0 removes the line.
std::vector<LineChange> set_quantity(Cart& cart, const std::string& sku, std::int64_t quantity, const Caps& caps);
std::vector<LineChange> remove_line(Cart& cart, const std::string& sku);
// Moves a line to the saved list (its quantity added to a saved line of that SKU) and back.
std::vector<LineChange> save_for_later(Cart& cart, const std::string& sku, const Caps& caps);
std::vector<LineChange> move_to_cart(Cart& cart, const std::string& sku, const Caps& caps);
void remove_saved(Cart& cart, const std::string& sku);

// Merges a guest cart into a customer's active cart: the same SKU keeps the larger quantity, other
// lines and saved lines are added within the caps (lines past max_lines go to the saved list),
// codes are added; the guest cart ends merged into `into`. Returns the changes to `into`.
std::vector<LineChange> merge_into(Cart& guest, Cart& into, const Caps& caps, Timestamp now);

void require_active(const Cart& cart);
bool tokens_match(std::string_view a_hex, std::string_view b_hex) noexcept;  // constant time

}  // namespace agora::cart
