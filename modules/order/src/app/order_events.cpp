#include "app/order_events.hpp"

namespace agora::order {
namespace {

std::optional<std::string> or_null(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

}  // namespace

events::Created created_event(const Order& o) {
  events::Created e{o.id, or_null(o.cart_id), or_null(o.customer_id),    o.email, o.currency, o.total,
                    {},   o.discount_codes,   o.shipping_address.country};
  for (const auto& l : o.lines) e.lines.push_back({l.sku, l.product_id, l.title, l.quantity, l.unit_price, l.total});
  return e;
}

events::PaymentRequested payment_requested_event(const Order& o) {
  return {o.id, or_null(o.customer_id), o.email, o.total, o.currency, o.payment_gateway, o.payment_token, o.return_url};
}

events::Placed placed_event(const Order& o) {
  return {o.id, o.number, or_null(o.customer_id), o.email, o.currency, o.total};
}

events::Cancelled cancelled_event(const Order& o, bool reopen_cart) {
  return {o.id, o.cancel_reason, or_null(o.cart_id), reopen_cart, or_null(o.customer_id)};
}

}  // namespace agora::order
