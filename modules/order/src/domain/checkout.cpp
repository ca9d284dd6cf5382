#include "domain/checkout.hpp"

namespace agora::order {
namespace {

Address address_of(const cart::SnapshotAddress& a) {
  return {a.recipient, a.line1, a.line2, a.city, a.region, a.postal_code, a.country, a.phone};
}

bool blocks_a_line(const std::string& code) {
  return code == "short" || code == "out_of_stock" || code == "not_for_sale" || code == "unknown_sku";
}

}  // namespace

std::vector<Refusal> refusals(const cart::CartSnapshot& cart) {
  std::vector<Refusal> out;
  for (const auto& line : cart.lines)
    if (line.unit_price > line.added_unit_price)
      out.push_back({line.sku, "price_increased",
                     "costs " + std::to_string(line.unit_price) + " now, " + std::to_string(line.added_unit_price) +
                         " when it was added (minor units of " + cart.currency +
                         "); review the cart and check out again"});
  for (const auto& p : cart.problems)
    if (blocks_a_line(p.code) || p.code == "shipping_method_unavailable") out.push_back({p.sku, p.code, p.message});
  return out;
}

void require_complete(const cart::CartSnapshot& cart) {
  std::vector<FieldError> fields;
  if (cart.lines.empty()) fields.push_back({"cart_id", "the cart has nothing that can be bought"});
  if (!cart.shipping_address) fields.push_back({"cart_id", "the cart has no shipping address"});
  if (!fields.empty()) throw Error(ErrorKind::validation, "the cart cannot be checked out yet", std::move(fields));
}

Order order_from(const cart::CartSnapshot& cart, const CheckoutFacts& facts) {
  Order o;
  o.id = facts.order_id;
  o.customer_id = cart.customer_id;
  o.email = facts.email;
  o.cart_id = cart.cart_id;
  o.caller = facts.caller;
  o.idempotency_key = facts.idempotency_key;
  o.request_hash = facts.request_hash;
  o.currency = cart.currency;
  o.tax_inclusive = cart.tax_inclusive;
  o.subtotal = cart.subtotal;
  o.discount = cart.discount;
  o.shipping = cart.shipping;
  o.tax = cart.tax;
  o.total = cart.total;
  o.base_currency = facts.base_currency;
  o.base_total = facts.base_total;
  o.rate_locked_at = facts.now;
  o.shipping_method_id = cart.shipping_method_id;
  o.discount_codes = cart.discount_codes;
  if (cart.shipping_address) o.shipping_address = address_of(*cart.shipping_address);
  if (cart.billing_address) o.billing_address = address_of(*cart.billing_address);
  o.payment_gateway = facts.gateway;
  o.payment_token = facts.payment_token;
  o.return_url = facts.return_url;
  o.created_at = o.updated_at = facts.now;
  int position = 0;
  for (const auto& l : cart.lines)
    o.lines.push_back({++position, l.sku, l.product_id, l.title, l.quantity, l.unit_price, l.price_converted,
                       l.subtotal, l.discount, l.shipping, l.tax, l.total});
  return o;
}

}  // namespace agora::order
