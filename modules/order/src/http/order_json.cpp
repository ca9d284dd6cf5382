#include "http/order_json.hpp"

#include <agora/core/digest.hpp>
#include <agora/core/fields.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/json_text.hpp>

#include <algorithm>

namespace agora::order {
namespace {

using json_text::Writer;

void amounts(Writer& w, const std::string& currency, std::int64_t subtotal, std::int64_t discount,
             std::int64_t shipping, std::int64_t tax, std::int64_t total) {
  w.money("subtotal", subtotal, currency);
  w.money("discount", discount, currency);
  w.money("shipping", shipping, currency);
  w.money("tax", tax, currency);
  w.money("total", total, currency);
}

void address(Writer& w, std::string_view name, const Address& a) {
  w.key(name).open_object().key("recipient").text(a.recipient).key("line1").text(a.line1);
  w.key("line2").text(a.line2).key("city").text(a.city).key("region").text(a.region);
  w.key("postal_code").text(a.postal_code).key("country").text(a.country).key("phone").text(a.phone).close_object();
}

void time_or_null(Writer& w, std::string_view name, const std::optional<Timestamp>& t) {
  w.key(name);
  if (t)
    w.text(to_rfc3339(*t));
  else
    w.null();
}

// "lines": [{sku, quantity}] of a fulfillment or a return.
void write_units(Writer& w, const Order& o, const std::vector<FulfilledLine>& lines) {
  w.key("lines").open_array();
  for (const auto& l : lines) {
    w.open_object().key("sku").text(o.lines[static_cast<std::size_t>(l.position - 1)].sku);
    w.key("quantity").number(l.quantity).close_object();
  }
  w.close_array();
}

void write_order(Writer& w, const Order& o, const std::string& guest_token, bool with_lines) {
  w.open_object().key("id").text(o.id).key("number").text_or_null(o.number);
  w.key("status").text(to_string(o.status)).key("cancel_reason").text_or_null(o.cancel_reason);
  w.key("customer_id").text_or_null(o.customer_id).key("email").text(o.email);
  if (!guest_token.empty()) w.key("order_token").text(guest_token);
  w.key("currency").text(o.currency).key("tax_inclusive").boolean(o.tax_inclusive);
  amounts(w, o.currency, o.subtotal, o.discount, o.shipping, o.tax, o.total);
  w.key("base_total");
  if (o.base_total)
    w.open_object().key("amount").number(*o.base_total).key("currency").text(o.base_currency).close_object();
  else
    w.null();
  w.key("rate_locked_at").text(to_rfc3339(o.rate_locked_at));
  if (with_lines) w.key("lines").open_array();
  for (const auto& l : o.lines) {
    w.open_object().key("sku").text(l.sku).key("product_id").text(l.product_id).key("title").text(l.title);
    w.key("quantity").number(l.quantity);
    w.money("unit_price", l.unit_price, o.currency);
    w.key("price_converted").boolean(l.price_converted);
    amounts(w, o.currency, l.subtotal, l.discount, l.shipping, l.tax, l.total);
    w.close_object();
  }
  if (with_lines) w.close_array();
  address(w, "shipping_address", o.shipping_address);
  if (o.billing_address)
    address(w, "billing_address", *o.billing_address);
  else
    w.key("billing_address").null();
  w.key("shipping_method_id").text_or_null(o.shipping_method_id);
  w.key("discount_codes").open_array();
  for (const auto& c : o.discount_codes) w.text(c);
  w.close_array();
  w.key("payment").open_object().key("gateway").text(o.payment_gateway);
  w.key("status").text(to_string(o.payment_status)).key("payment_id").text_or_null(o.payment_id);
  w.key("action");
  if (o.action_url.empty())
    w.null();
  else
    w.open_object().key("type").text("redirect").key("url").text(o.action_url).close_object();
  w.money("captured", o.captured, o.currency);
  w.money("refunded", o.refunded, o.currency);
  w.close_object();
  w.key("short_lines").open_array();
  for (const auto& s : o.short_lines)
    w.open_object()
        .key("sku")
        .text(s.sku)
        .key("requested")
        .number(s.requested)
        .key("available")
        .number(s.available)
        .close_object();
  w.close_array();
  w.key("created_at").text(to_rfc3339(o.created_at));
  time_or_null(w, "placed_at", o.placed_at);
  time_or_null(w, "paid_at", o.paid_at);
  time_or_null(w, "cancelled_at", o.cancelled_at);
  time_or_null(w, "delivered_at", o.delivered_at);
  time_or_null(w, "completed_at", o.completed_at);
  if (with_lines) {
    w.key("fulfillments").open_array();
    for (const auto& f : o.fulfillments) {
      w.open_object().key("id").text(f.id).key("carrier").text(f.carrier);
      w.key("tracking_number").text(f.tracking_number).key("created_at").text(to_rfc3339(f.created_at));
      time_or_null(w, "delivered_at", f.delivered_at);
      write_units(w, o, f.lines);
      w.close_object();
    }
    w.close_array();
    w.key("returns").open_array();
    for (const auto& r : o.returns) {
      w.open_object().key("id").text(r.id).key("status").text(r.status).key("reason").text(r.reason);
      w.money("refund", r.refund_amount, o.currency);
      w.key("created_at").text(to_rfc3339(r.created_at));
      time_or_null(w, "received_at", r.received_at);
      write_units(w, o, r.lines);
      w.close_object();
    }
    w.close_array();
  }
  w.close_object();
}

// "lines": [{sku, quantity}], 1 to 100 of them; absent is an empty list unless `required`.
std::vector<ShipLine> ship_lines(Fields& f, bool required) {
  std::vector<ShipLine> out;
  const auto* lines = f.raw("lines");
  if (!lines) {
    if (required) f.fail("lines", "is required: [{sku, quantity}]");
    return out;
  }
  if (!lines->is_array() || lines->as_array().empty() || lines->as_array().size() > 100) {
    f.fail("lines", required ? "is a list of 1 to 100 {sku, quantity}"
                             : "is a list of 1 to 100 {sku, quantity}; leave it out for everything left");
    return out;
  }
  for (std::size_t i = 0; i < lines->as_array().size(); ++i) {
    const auto& item = lines->as_array()[i];
    if (!item.is_object()) {
      f.fail("lines[" + std::to_string(i) + "]", "must be an object");
      continue;
    }
    Fields line(item);
    ShipLine l{line.text("sku", 100, true).value_or(""), line.integer("quantity", 1, 1'000'000, true).value_or(0)};
    f.add(line.nested_errors({"sku", "quantity"}, "lines[" + std::to_string(i) + "]."));
    out.push_back(std::move(l));
  }
  return out;
}

// The Idempotency-Key header, with the body's problems: 1 to 255 visible ASCII characters.
std::string idempotency_key(const http::Request& req, Fields& f) {
  const auto key = req.header("idempotency-key");
  if (!key || key->empty())
    f.fail("Idempotency-Key", "is required: a fresh value (a UUID) per checkout, the same on its retries");
  else if (key->size() > 255 || std::any_of(key->begin(), key->end(), [](char c) { return c < 0x21 || c > 0x7e; }))
    f.fail("Idempotency-Key", "must be 1 to 255 visible ASCII characters");
  return std::string(key.value_or(""));
}

}  // namespace

CheckoutRequest parse_checkout(const http::Request& req) {
  const auto body = req.json();
  Fields f(body);
  CheckoutRequest q;
  q.idempotency_key = idempotency_key(req, f);
  q.cart_id = f.text("cart_id", 36, true).value_or("");
  if (!q.cart_id.empty() && !is_uuid(q.cart_id)) f.fail("cart_id", "is not a cart id (a UUID)");
  if (const auto email = f.text("email", 254, false)) {
    if (email->find('@') == std::string::npos || email->front() == '@' || email->back() == '@')
      f.fail("email", "is not an email address");
    q.email = *email;
  }
  if (const auto* payment = f.raw("payment"); !payment) {
    f.fail("payment", "is required");
  } else if (!payment->is_object()) {
    f.fail("payment", "must be an object");
  } else {
    Fields p(*payment);
    q.payment.gateway = p.text("gateway", 32, true).value_or("");
    q.payment.token = p.text("token", 255, false).value_or("");
    q.payment.return_url = p.text("return_url", 2048, false).value_or("");
    f.add(p.nested_errors({"gateway", "token", "return_url"}, "payment."));
  }
  f.finish({"cart_id", "payment", "email"}, "invalid checkout");
  q.request_hash = sha256_hex(req.body);
  return q;
}

NewReturn parse_return(const boost::json::value& body) {
  Fields f(body);
  NewReturn r;
  r.reason = f.text("reason", 500, false, true, true).value_or("");
  r.lines = ship_lines(f, true);
  f.finish({"lines", "reason"}, "invalid return");
  return r;
}

NewFulfillment parse_fulfillment(const boost::json::value& body) {
  Fields f(body);
  NewFulfillment n;
  n.carrier = f.text("carrier", 100, true).value_or("");
  n.tracking_number = f.text("tracking_number", 100, true).value_or("");
  n.lines = ship_lines(f, false);
  f.finish({"carrier", "tracking_number", "lines"}, "invalid fulfillment");
  return n;
}

std::string order_json(const Order& o, const std::string& guest_token) {
  std::string out;
  out.reserve(2048);
  Writer w(out);
  write_order(w, o, guest_token, true);
  return out;
}

std::string page_json(const OrderPage& page) {
  std::string out;
  Writer w(out);
  w.open_object().key("items").open_array();
  for (const auto& o : page.items) write_order(w, o, {}, false);
  w.close_array().key("next_cursor").text_or_null(page.next_cursor).close_object();
  return out;
}

}  // namespace agora::order
