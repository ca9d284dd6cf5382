#pragma once
// What a cart costs under the shop's rules: each line's subtotal, discount, tax and share of
// shipping, and the cart's totals, in integer minor units of the cart's currency. Pure: the rules
// and the cart arrive as values (the clock too), nothing is read or written.
//
// The one rounding rule: an amount that is not whole in minor units is rounded half away from zero,
// once per line; a cart-wide amount (an order discount, shipping) is split over lines in proportion
// to their amounts by largest remainder, so that lines always sum exactly to the totals.
//
// The order: subtotal = unit_price × quantity; the discount codes in the order given, each off what
// the ones before it left; shipping (chosen among the methods that serve the destination) split
// over the lines by their net amounts (equally when all are 0); tax per line on its net amount plus
// its shipping share, at the rate of its tax category where the goods go (default_country without a
// destination): amount × rate / (1e6 + rate) when prices include tax, amount × rate / 1e6 (added
// to the total) when they do not.
#include <agora/core/clock.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace agora::cart {

// Where goods go: a country (ISO 3166-1 alpha-2) and optionally a region within it ("" for none).
struct Destination {
  std::string country;
  std::string region;
};

// A tax rate for one tax category (standard, reduced, zero) in a country, or in one region of it
// (a region's rate replaces its country's); parts per million: 190000 is 19 %.
struct TaxRate {
  std::string id;
  std::string country;
  std::string region;  // "" for the whole country
  std::string category;
  std::int64_t rate_ppm = 0;
};

// A set of countries, or regions of them, that shipping methods serve.
struct ShippingZone {
  std::string id;
  std::string name;
  std::vector<Destination> areas;  // region "" covers the whole country
};

// A parcel up to `up_to_grams` costs `price`.
struct WeightBand {
  std::int64_t up_to_grams = 0;
  std::int64_t price = 0;
};

// A shipping method of a zone, priced in one currency: the price of the first weight band the cart's
// weight fits in (the flat price when it has no bands), free when the item subtotal after discounts
// reaches free_over. A cart heavier than the last band cannot use it.
struct ShippingMethod {
  std::string id;
  std::string zone_id;
  std::string name;
  std::string currency;
  std::int64_t flat_price = 0;
  std::vector<WeightBand> bands;  // ascending up_to_grams
  std::optional<std::int64_t> free_over;
  bool active = true;
};

enum class DiscountKind { percentage, fixed };

// A discount code: a percentage off (basis points: 1500 is 15 %) or a fixed amount per currency,
// off the eligible lines (all lines, or those of listed SKUs or categories).
struct DiscountCode {
  std::string code;  // upper case
  DiscountKind kind = DiscountKind::percentage;
  std::int64_t percent_bp = 0;                           // percentage
  std::map<std::string, std::int64_t> amounts;           // fixed: minor units per currency
  std::map<std::string, std::int64_t> minimum_subtotal;  // per currency, of the cart's subtotal
                                                         // before discounts; none: no minimum
  std::optional<Timestamp> starts_at, ends_at;
  std::optional<std::int64_t> usage_limit, per_customer_limit;
  std::int64_t used = 0;                        // orders that redeemed it so far
  std::vector<std::string> skus, category_ids;  // both empty: every line
  bool active = true;
};

// Everything priced against, as admins configured it.
struct PricingRules {
  std::vector<TaxRate> tax_rates;
  // Listed prices include tax in these currencies, and for destinations in these countries.
  std::vector<std::string> tax_inclusive_currencies, tax_inclusive_countries;
  std::vector<ShippingZone> zones;
  std::vector<ShippingMethod> methods;
  std::vector<DiscountCode> codes;
  std::string default_country;  // taxes a cart without a shipping address
};

// A line as the catalog prices it now.
struct LineInput {
  std::string sku;
  std::int64_t quantity = 0;
  std::int64_t unit_price = 0;            // minor units as listed (gross where prices include tax)
  std::string tax_category;               // standard, reduced or zero
  std::vector<std::string> category_ids;  // the product's category, then its ancestors
  std::int64_t weight_grams = 0;          // per unit
};

struct CartInput {
  std::string currency;
  std::vector<LineInput> lines;
  std::optional<Destination> destination;  // the shipping address's
  std::string shipping_method_id;          // "" when none was chosen
  std::vector<std::string> discount_codes;
  std::string customer_id;                             // "" for a guest
  std::map<std::string, std::int64_t> customer_usage;  // code → orders of this customer that redeemed it
  Timestamp now;
};

struct LineAmounts {
  std::string sku;
  std::int64_t quantity = 0;
  std::int64_t unit_price = 0;
  std::int64_t subtotal = 0;  // unit_price × quantity
  std::int64_t discount = 0;
  std::int64_t shipping = 0;  // its share of the cart's shipping
  std::int64_t tax = 0;       // on its net amount and its shipping share
  std::int64_t total = 0;     // subtotal − discount + shipping (+ tax when prices exclude it)
};

struct ShippingOption {
  std::string id;
  std::string name;
  std::int64_t price = 0;  // for this cart
};

// A code as it applies to this cart: its amount, or why it does not apply.
struct CodeResult {
  std::string code;
  std::int64_t amount = 0;
  std::string reason;  // "" when it applies; else inactive, not_started, expired, unknown,
                       // currency_not_supported, usage_limit_reached, customer_limit_reached,
                       // no_eligible_lines, minimum_not_met; duplicate for a code given twice
};

struct CartPrice {
  bool tax_inclusive = false;
  std::vector<LineAmounts> lines;  // in the order of CartInput::lines
  std::int64_t subtotal = 0, discount = 0, shipping = 0, tax = 0, total = 0;
  std::vector<ShippingOption> shipping_options;  // the methods that serve the destination
  bool shipping_method_valid = false;            // the chosen method is among them
  std::vector<CodeResult> codes;                 // in the order of CartInput::discount_codes
};

CartPrice price(const PricingRules& rules, const CartInput& cart);

}  // namespace agora::cart
