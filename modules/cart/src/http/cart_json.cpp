#include "http/cart_json.hpp"

#include <agora/core/fields.hpp>
#include <agora/core/money.hpp>
#include <boost/json.hpp>

namespace agora::cart {
namespace {

// Every value of an answer is made in the answer's own storage (`sp`: a monotonic buffer for one
// response), so that building it allocates almost nothing.
boost::json::object money(std::int64_t minor, const std::string& currency, const boost::json::storage_ptr& sp) {
  boost::json::object m(sp);
  m.reserve(2);
  m.emplace("amount", minor);
  m.emplace("currency", currency);
  return m;
}

boost::json::value text_or_null(const std::string& text, const boost::json::storage_ptr& sp) {
  if (text.empty()) return boost::json::value(nullptr, sp);
  return boost::json::value(text, sp);
}

std::string required_text(const boost::json::value& body, std::string_view key, std::size_t max,
                          std::string_view what) {
  Fields f(body);
  auto value = f.text(key, max, true);
  f.finish({key}, what);
  return *value;
}

boost::json::value address_json(const std::optional<CartAddress>& a, const boost::json::storage_ptr& sp) {
  if (!a) return boost::json::value(nullptr, sp);
  boost::json::object o(sp);
  o.reserve(9);
  o.emplace("saved_address_id", text_or_null(a->saved_address_id, sp));
  o.emplace("recipient", a->recipient);
  o.emplace("line1", a->line1);
  o.emplace("line2", a->line2);
  o.emplace("city", a->city);
  o.emplace("region", a->region);
  o.emplace("postal_code", a->postal_code);
  o.emplace("country", a->country);
  o.emplace("phone", a->phone);
  return o;
}

boost::json::object line_json(const Line& line, const LineState& s, const std::string& currency,
                              const boost::json::storage_ptr& sp) {
  boost::json::object options(sp);
  for (const auto& o : line.added.options) options.emplace(o.name, o.value);
  boost::json::object out(sp);
  out.reserve(13);
  out.emplace("sku", line.sku);
  out.emplace("quantity", line.quantity);
  out.emplace("title", s.offer ? s.offer->title : line.added.title);
  out.emplace("options", std::move(options));
  out.emplace("image_url", line.added.image_url);
  out.emplace("unit_price", money(s.current_price, currency, sp));
  out.emplace("price_when_added", money(s.added_price, currency, sp));
  out.emplace("price_changed", s.price_changed());
  out.emplace("available", s.available);
  out.emplace("for_sale", s.offer && s.offer->status == "active");
  out.emplace("added_at", to_rfc3339(line.added_at));
  if (s.offer) out.emplace("product_id", s.offer->product_id);
  return out;
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
  // Lengths and required parts are judged by user::Api::address_problems, with the country and phone.
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
  f.finish({"recipient", "line1", "line2", "city", "region", "postal_code", "country", "phone", "saved_address_id"},
           "invalid address");
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
    throw Error(ErrorKind::bad_request, "If-Match must name a cart version, such as \"3\"");
  for (char ch : text) v = v * 10 + (ch - '0');
  return v;
}

boost::json::object cart_json(const PricedCart& p, const boost::json::storage_ptr& sp) {
  const auto& cart = p.cart;
  const auto& price = p.price;
  const auto& cur = cart.currency;
  const auto amounts = [&](std::initializer_list<std::pair<const char*, std::int64_t>> list) {
    boost::json::object o(sp);
    o.reserve(list.size() + 1);
    for (const auto& [name, minor] : list) o.emplace(name, money(minor, cur, sp));
    return o;
  };
  boost::json::array lines(sp), saved(sp), options(sp), codes(sp), problems(sp);
  for (std::size_t i = 0; i < cart.lines.size(); ++i) {
    auto line = line_json(cart.lines[i], p.lines[i], cur, sp);
    if (const auto& at = p.lines[i].priced) {
      const auto& a = price.lines[*at];
      line.emplace("amounts", amounts({{"subtotal", a.subtotal},
                                       {"discount", a.discount},
                                       {"shipping", a.shipping},
                                       {"tax", a.tax},
                                       {"total", a.total}}));
    } else {
      line.emplace("amounts", nullptr);
    }
    lines.emplace_back(std::move(line));
  }
  for (std::size_t i = 0; i < cart.saved.size(); ++i) saved.emplace_back(line_json(cart.saved[i], p.saved[i], cur, sp));
  boost::json::value method(nullptr, sp);
  for (const auto& o : price.shipping_options) {
    boost::json::object option(sp);
    option.emplace("id", o.id);
    option.emplace("name", o.name);
    option.emplace("price", money(o.price, cur, sp));
    if (price.shipping_method_valid && o.id == cart.shipping_method_id) method = option;
    options.emplace_back(std::move(option));
  }
  for (const auto& c : price.codes) {
    boost::json::object code(sp);
    code.emplace("code", c.code);
    code.emplace("applies", c.reason.empty());
    code.emplace("amount", money(c.amount, cur, sp));
    code.emplace("reason", text_or_null(c.reason, sp));
    codes.emplace_back(std::move(code));
  }
  for (const auto& pr : p.problems) {
    boost::json::object problem(sp);
    problem.emplace("code", pr.code);
    problem.emplace("sku", text_or_null(pr.sku, sp));
    problem.emplace("message", pr.message);
    problems.emplace_back(std::move(problem));
  }
  auto totals = amounts({{"subtotal", price.subtotal},
                         {"discount", price.discount},
                         {"shipping", price.shipping},
                         {"tax", price.tax},
                         {"total", price.total}});
  totals.emplace("tax_inclusive", price.tax_inclusive);
  boost::json::object out(sp);
  out.reserve(22);
  out.emplace("id", cart.id);
  out.emplace("status", boost::describe::enum_to_string(cart.status, "?"));
  out.emplace("version", cart.version);
  out.emplace("currency", cur);
  out.emplace("locale", cart.locale);
  out.emplace("customer_id", text_or_null(cart.owner_id, sp));
  out.emplace("lines", std::move(lines));
  out.emplace("saved", std::move(saved));
  out.emplace("shipping_address", address_json(cart.shipping_address, sp));
  out.emplace("billing_address", address_json(cart.billing_address, sp));
  out.emplace("shipping_options", std::move(options));
  out.emplace("shipping_method", std::move(method));
  out.emplace("discount_codes", std::move(codes));
  out.emplace("totals", std::move(totals));
  out.emplace("problems", std::move(problems));
  out.emplace("merged_into", text_or_null(cart.merged_into, sp));
  out.emplace("created_at", to_rfc3339(cart.created_at));
  out.emplace("updated_at", to_rfc3339(cart.updated_at));
  out.emplace("expires_at", to_rfc3339(cart.expires_at));
  return out;
}

http::Response cart_response(const PricedCart& cart, unsigned status) {
  unsigned char buffer[16384];
  boost::json::monotonic_resource memory(buffer, sizeof buffer);
  auto r = http::Response::json(cart_json(cart, &memory), status);
  r.headers.emplace_back("ETag", "\"" + std::to_string(cart.cart.version) + "\"");
  return r;
}

}  // namespace agora::cart
