#include "http/cart_json.hpp"

#include <agora/core/fields.hpp>
#include <agora/core/json_text.hpp>
#include <agora/core/money.hpp>
#include <boost/describe/enum_to_string.hpp>
#include <boost/json/value.hpp>

#include <algorithm>

namespace agora::cart {
namespace {

std::string required_text(const boost::json::value& body, std::string_view key, std::size_t max,
                          std::string_view what) {
  Fields f(body);
  auto value = f.text(key, max, true);
  f.finish({key}, what);
  return *value;
}

using json_text::Writer;

// An answer is written as JSON text straight away: building it as a boost::json::value first cost
// as much as the rest of an add-to-cart.

// The five amounts of a line or of the whole cart, and what follows them in the same object.
void amounts(Writer& w, const std::string& currency, std::int64_t subtotal, std::int64_t discount,
             std::int64_t shipping, std::int64_t tax, std::int64_t total) {
  w.money("subtotal", subtotal, currency);
  w.money("discount", discount, currency);
  w.money("shipping", shipping, currency);
  w.money("tax", tax, currency);
  w.money("total", total, currency);
}

void address(Writer& w, std::string_view name, const std::optional<CartAddress>& a) {
  w.key(name);
  if (!a) return void(w.null());
  w.open_object().key("saved_address_id").text_or_null(a->saved_address_id);
  w.key("recipient").text(a->recipient).key("line1").text(a->line1).key("line2").text(a->line2);
  w.key("city").text(a->city).key("region").text(a->region).key("postal_code").text(a->postal_code);
  w.key("country").text(a->country).key("phone").text(a->phone).close_object();
}

// A line's members, without the closing brace (a line in the cart adds its amounts).
void line_members(Writer& w, const Line& line, const LineState& s, const std::string& currency) {
  w.open_object().key("sku").text(line.sku).key("quantity").number(line.quantity);
  w.key("title").text(s.offer ? s.offer->title : line.added.title);
  w.key("options").open_object();
  for (std::size_t i = 0; i < line.added.options.size(); ++i) {
    const auto& o = line.added.options[i];
    const auto first = [&](const VariantOption& e) { return e.name == o.name; };
    if (std::find_if(line.added.options.begin(), line.added.options.begin() + i, first) ==
        line.added.options.begin() + i)  // a name given twice is shown once, with its first value
      w.key_of(o.name).text(o.value);
  }
  w.close_object().key("image_url").text(line.added.image_url);
  w.money("unit_price", s.current_price, currency);
  w.money("price_when_added", s.added_price, currency);
  w.key("price_changed").boolean(s.price_changed()).key("available").boolean(s.available);
  w.key("for_sale").boolean(s.offer && s.offer->status == "active");
  w.key("added_at").text(to_rfc3339(line.added_at));
  if (s.offer) w.key("product_id").text(s.offer->product_id);
}

void shipping_option(Writer& w, const ShippingOption& o, const std::string& currency) {
  w.open_object().key("id").text(o.id).key("name").text(o.name);
  w.money("price", o.price, currency);
  w.close_object();
}

}  // namespace

NewCart parse_new_cart(const boost::json::value& body) {
  Fields f(body);
  NewCart n;
  if (auto c = f.text("currency", 3, true)) {
    if (find_currency(*c))
      n.currency = *c;
    else
      f.fail("currency", "must be an ISO 4217 currency code such as USD");
  }
  if (auto l = f.text("locale", 12, false)) n.locale = *l;
  f.finish({"currency", "locale"}, "invalid cart");
  return n;
}

LineRequest parse_line(const boost::json::value& body, std::int64_t max_quantity) {
  Fields f(body);
  auto sku = f.text("sku", 64, true);
  auto quantity = f.integer("quantity", 1, max_quantity, true);
  f.finish({"sku", "quantity"}, "invalid line");
  return {*sku, *quantity};
}

std::int64_t parse_quantity(const boost::json::value& body, std::int64_t max_quantity) {
  Fields f(body);
  auto quantity = f.integer("quantity", 0, max_quantity, true);
  f.finish({"quantity"}, "invalid line");
  return *quantity;
}

std::string parse_sku(const boost::json::value& body) { return required_text(body, "sku", 64, "invalid line"); }
std::string parse_method(const boost::json::value& body) {
  return required_text(body, "id", 64, "invalid shipping method");
}
std::string parse_code(const boost::json::value& body) {
  return required_text(body, "code", 64, "invalid discount code");
}

AddressInput parse_address(const boost::json::value& body) {
  Fields f(body);
  AddressInput in;
  if (f.has("saved_address_id")) {
    in.saved_address_id = f.text("saved_address_id", 36, true).value_or("");
    f.finish({"saved_address_id"}, "invalid address");
    return in;
  }
  // Lengths and required parts are judged by user::Api::address_problems, with the country and phone;
  // what is wrong with the body itself goes with them, for one 422 naming every bad field.
  const auto text = [&](std::string_view key) { return f.text(key, 1000, false, true).value_or(""); };
  auto& a = in.address;
  a.recipient = text("recipient");
  a.line1 = text("line1");
  a.line2 = text("line2");
  a.city = text("city");
  a.region = text("region");
  a.postal_code = text("postal_code");
  a.country = text("country");
  a.phone = text("phone");
  in.refused =
      f.nested_errors({"recipient", "line1", "line2", "city", "region", "postal_code", "country", "phone"}, "");
  return in;
}

Caller caller_of(const http::Request& req) {
  Caller c;
  if (req.principal) c.user_id = req.principal->user_id;
  if (auto token = req.header("x-cart-token")) c.cart_token = std::string(*token);
  return c;
}

CartService::Version if_match(const http::Request& req) {
  auto h = req.header("if-match");
  if (!h) return std::nullopt;
  auto text = *h;
  if (text.starts_with("W/")) text.remove_prefix(2);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
  std::int64_t v = 0;
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string_view::npos)
    throw Error(ErrorKind::validation, "invalid If-Match",
                {{"If-Match", "must be a cart version as its ETag gives it, such as \"3\""}});
  for (char ch : text) v = v * 10 + (ch - '0');
  return v;
}

std::string cart_text(const PricedCart& p, std::string_view token) {
  const auto& cart = p.cart;
  const auto& price = p.price;
  const auto& cur = cart.currency;
  std::string out;
  out.reserve(4096);
  Writer w(out);
  w.open_object().key("id").text(cart.id);
  if (!token.empty()) w.key("token").text(token);
  w.key("status").text(boost::describe::enum_to_string(cart.status, "?")).key("version").number(cart.version);
  w.key("currency").text(cur).key("locale").text(cart.locale).key("customer_id").text_or_null(cart.owner_id);
  w.key("lines").open_array();
  for (std::size_t i = 0; i < cart.lines.size(); ++i) {
    line_members(w, cart.lines[i], p.lines[i], cur);
    w.key("amounts");
    if (const auto& at = p.lines[i].priced) {
      const auto& a = price.lines[*at];
      w.open_object();
      amounts(w, cur, a.subtotal, a.discount, a.shipping, a.tax, a.total);
      w.close_object();
    } else {
      w.null();
    }
    w.close_object();
  }
  w.close_array().key("saved").open_array();
  for (std::size_t i = 0; i < cart.saved.size(); ++i) {
    line_members(w, cart.saved[i], p.saved[i], cur);
    w.close_object();
  }
  w.close_array();
  address(w, "shipping_address", cart.shipping_address);
  address(w, "billing_address", cart.billing_address);
  w.key("shipping_options").open_array();
  const ShippingOption* method = nullptr;
  for (const auto& o : price.shipping_options) {
    shipping_option(w, o, cur);
    if (price.shipping_method_valid && o.id == cart.shipping_method_id) method = &o;
  }
  w.close_array().key("shipping_method");
  if (method)
    shipping_option(w, *method, cur);
  else
    w.null();
  w.key("discount_codes").open_array();
  for (const auto& c : price.codes) {
    w.open_object().key("code").text(c.code).key("applies").boolean(c.reason.empty());
    w.money("amount", c.amount, cur);
    w.key("reason").text_or_null(c.reason).close_object();
  }
  w.close_array().key("totals").open_object();
  amounts(w, cur, price.subtotal, price.discount, price.shipping, price.tax, price.total);
  w.key("tax_inclusive").boolean(price.tax_inclusive).close_object();
  w.key("problems").open_array();
  for (const auto& pr : p.problems)
    w.open_object()
        .key("code")
        .text(pr.code)
        .key("sku")
        .text_or_null(pr.sku)
        .key("message")
        .text(pr.message)
        .close_object();
  w.close_array().key("merged_into").text_or_null(cart.merged_into);
  w.key("created_at").text(to_rfc3339(cart.created_at)).key("updated_at").text(to_rfc3339(cart.updated_at));
  w.key("expires_at").text(to_rfc3339(cart.expires_at)).close_object();
  return out;
}

std::string shipping_options_text(const PricedCart& p) {
  std::string out;
  Writer w(out);
  w.open_object().key("items").open_array();
  for (const auto& o : p.price.shipping_options) shipping_option(w, o, p.cart.currency);
  w.close_array().close_object();
  return out;
}

http::Response cart_response(const PricedCart& cart, unsigned status, std::string_view token) {
  http::Response r{.status = status, .content_type = "application/json", .headers = {}, .body = cart_text(cart, token)};
  r.headers.emplace_back("ETag", "\"" + std::to_string(cart.cart.version) + "\"");
  return r;
}

}  // namespace agora::cart
