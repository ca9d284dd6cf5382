#include "domain/pricing.hpp"

#include "domain/discount.hpp"
#include "domain/rounding.hpp"
#include "domain/shipping.hpp"
#include "domain/tax.hpp"

#include <algorithm>
#include <numeric>
#include <set>

namespace agora::cart {
namespace {

std::int64_t sum(const std::vector<std::int64_t>& v) { return std::accumulate(v.begin(), v.end(), std::int64_t{0}); }

const DiscountCode* find_code(const PricingRules& rules, const std::string& code) {
  const auto it =
      std::find_if(rules.codes.begin(), rules.codes.end(), [&](const DiscountCode& c) { return c.code == code; });
  return it == rules.codes.end() ? nullptr : &*it;
}

// Applies the cart's codes in order, each off what the ones before it left of each line (`net`),
// and says of each what it took or why it did not apply.
std::vector<CodeResult> apply_codes(const PricingRules& rules, const CartInput& cart, std::int64_t subtotal,
                                    std::vector<std::int64_t>& net) {
  std::vector<CodeResult> results;
  std::set<std::string> seen;
  for (const auto& asked : cart.discount_codes) {
    CodeResult r{.code = normalized_code(asked)};
    if (!seen.insert(r.code).second) {
      r.reason = "duplicate";
    } else if (const auto* code = find_code(rules, r.code); (r.reason = why_not(code, cart, subtotal)).empty()) {
      const auto off = line_discounts(*code, cart, net);
      for (std::size_t i = 0; i < net.size(); ++i) net[i] -= off[i];
      r.amount = sum(off);
    }
    results.push_back(std::move(r));
  }
  return results;
}

}  // namespace

CartPrice price(const PricingRules& rules, const CartInput& cart) {
  CartPrice out;
  const Destination taxed = cart.destination.value_or(Destination{rules.default_country, ""});
  out.tax_inclusive = tax_inclusive(rules, cart.currency, taxed.country);

  std::vector<std::int64_t> net;
  std::int64_t grams = 0;
  for (const auto& line : cart.lines) {
    net.push_back(line.unit_price * line.quantity);
    grams += line.weight_grams * line.quantity;
  }
  const auto subtotals = net;
  out.codes = apply_codes(rules, cart, sum(subtotals), net);

  std::int64_t shipping = 0;
  if (cart.destination) {
    out.shipping_options = shipping_options(rules, cart.currency, *cart.destination, grams, sum(net));
    const auto chosen = std::find_if(out.shipping_options.begin(), out.shipping_options.end(),
                                     [&](const ShippingOption& o) { return o.id == cart.shipping_method_id; });
    out.shipping_method_valid = chosen != out.shipping_options.end();
    if (out.shipping_method_valid && !cart.lines.empty()) shipping = chosen->price;
  }
  const auto shares = allocate(shipping, net);

  for (std::size_t i = 0; i < cart.lines.size(); ++i) {
    const auto& in = cart.lines[i];
    LineAmounts a{.sku = in.sku, .quantity = in.quantity, .unit_price = in.unit_price, .subtotal = subtotals[i]};
    a.discount = subtotals[i] - net[i];
    a.shipping = shares[i];
    const auto taxable = net[i] + a.shipping;
    a.tax = tax_of(taxable, tax_rate_ppm(rules.tax_rates, taxed, in.tax_category), out.tax_inclusive);
    a.total = out.tax_inclusive ? taxable : taxable + a.tax;
    out.subtotal += a.subtotal;
    out.discount += a.discount;
    out.shipping += a.shipping;
    out.tax += a.tax;
    out.total += a.total;
    out.lines.push_back(std::move(a));
  }
  return out;
}

}  // namespace agora::cart
