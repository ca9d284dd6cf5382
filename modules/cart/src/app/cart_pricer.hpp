#pragma once
// Prices a cart as it stands: each line's price and availability now (from catalog::Api and
// inventory::Api, both in memory), the totals under the shop's pricing rules, and what changed or
// cannot be bought listed as problems, so that a cart always loads.
#include "domain/cart.hpp"
#include "domain/pricing.hpp"

#include <agora/catalog/api.hpp>
#include <agora/inventory/api.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace agora::cart {

// Something a shopper should know about their cart: code is price_changed, out_of_stock, short,
// not_for_sale, unknown_sku (a line); shipping_method_unavailable, discount_not_applied.
struct Problem {
  std::string code;
  std::string sku;  // "" for the cart
  std::string message;
};

// A line (or saved line) as it can be bought now.
struct LineState {
  std::optional<catalog::VariantOffer> offer;  // nullopt: the catalog has no such SKU any more
  std::int64_t available = 0;
  std::optional<std::size_t> priced;  // its index in PricedCart::price.lines; nullopt: not counted
  std::int64_t added_price = 0;       // the unit price when it was added
  std::int64_t current_price = 0;     // the unit price now (the added one when the catalog lost it)
  bool price_changed() const { return current_price != added_price; }
};

struct PricedCart {
  Cart cart;
  std::vector<LineState> lines, saved;  // parallel to cart.lines and cart.saved
  CartPrice price;
  std::vector<Problem> problems;
};

using RulesSource = std::function<std::shared_ptr<const PricingRules>()>;
using UsageSource =
    std::function<std::map<std::string, std::int64_t>(const std::string& customer, const std::vector<std::string>&)>;

class CartPricer {
 public:
  CartPricer(catalog::Api& catalog, inventory::Api& inventory, RulesSource rules, UsageSource usage, const Clock& clock)
      : catalog_(catalog), inventory_(inventory), rules_(std::move(rules)), usage_(std::move(usage)), clock_(clock) {}

  PricedCart price(const Cart& cart);
  // The same from memory alone, or nullopt when it would have to wait on a store (a SKU's stock not
  // cached, a customer's use of discount codes).
  std::optional<PricedCart> price_from_memory(const Cart& cart);
  std::optional<std::int64_t> cached_available(const std::string& sku);
  // The SKU as the cart would show it now: Error{validation} naming `sku` when it is not for sale.
  catalog::VariantOffer offer(const std::string& sku, const Cart& cart);
  std::optional<catalog::VariantOffer> offer_or_none(const std::string& sku, const Cart& cart) {
    return catalog_.variant_by_sku(sku, cart.currency, cart.locale);
  }
  std::int64_t available(const std::string& sku);
  std::shared_ptr<const PricingRules> rules() const { return rules_(); }

 private:
  PricedCart price_with(const Cart& cart, const std::vector<inventory::Availability>& stock,
                        std::map<std::string, std::int64_t> usage);
  static std::vector<std::string> skus_of(const Cart& cart);

  catalog::Api& catalog_;
  inventory::Api& inventory_;
  RulesSource rules_;
  UsageSource usage_;
  const Clock& clock_;
};

LineSnapshot snapshot_of(const catalog::VariantOffer& offer);

}  // namespace agora::cart
