#include "http/cart_json.hpp"

#include <agora/core/fields.hpp>
#include <agora/core/money.hpp>
#include <boost/json.hpp>

namespace agora::cart {
namespace {

boost::json::value money(std::int64_t minor, const std::string& currency) {
  return {{"amount", minor}, {"currency", currency}};
}

std::string required_text(const boost::json::value& body, std::string_view key, std::size_t max,
                          std::string_view what) {
  Fields f(body);
  auto value = f.text(key, max, true);
  f.finish({key}, what);
  return *value;
}

boost::json::value address_json(const std::optional<CartAddress>& a) {
  if (!a) return nullptr;
  return {{"saved_address_id",
           a->saved_address_id.empty() ? boost::json::value() : boost::json::value(a->saved_address_id)},
          {"recipient", a->recipient},
          {"line1", a->line1},
          {"line2", a->line2},
          {"city", a->city},
          {"region", a->region},
          {"postal_code", a->postal_code},
          {"country", a->country},
          {"phone", a->phone}};
}

boost::json::object line_json(const Line& line, const LineState& s, const std::string& currency) {
  boost::json::object options;
  for (const auto& o : line.added.options) options[o.name] = o.value;
  boost::json::object out{{"sku", line.sku},
                          {"quantity", line.quantity},
                          {"title", s.offer ? s.offer->title : line.added.title},
                          {"options", std::move(options)},
                          {"image_url", line.added.image_url},
                          {"unit_price", money(s.current_price, currency)},
                          {"price_when_added", money(s.added_price, currency)},
                          {"price_changed", s.price_changed()},
                          {"available", s.available},
                          {"for_sale", s.offer && s.offer->status == "active"},
                          {"added_at", to_rfc3339(line.added_at)}};
  if (s.offer) out["product_id"] = s.offer->product_id;
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

boost::json::object cart_json(const PricedCart& p) {
  const auto& cart = p.cart;
  const auto& price = p.price;
  const auto& cur = cart.currency;
  boost::json::array lines, saved, options, codes, problems;
  for (std::size_t i = 0; i < cart.lines.size(); ++i) {
    auto line = line_json(cart.lines[i], p.lines[i], cur);
    if (const auto& at = p.lines[i].priced) {
      const auto& a = price.lines[*at];
      line["amounts"] = {{"subtotal", money(a.subtotal, cur)},
                         {"discount", money(a.discount, cur)},
                         {"shipping", money(a.shipping, cur)},
                         {"tax", money(a.tax, cur)},
                         {"total", money(a.total, cur)}};
    } else {
      line["amounts"] = nullptr;
    }
    lines.push_back(std::move(line));
  }
  for (std::size_t i = 0; i < cart.saved.size(); ++i) saved.push_back(line_json(cart.saved[i], p.saved[i], cur));
  boost::json::value method = nullptr;
  for (const auto& o : price.shipping_options) {
    boost::json::object option{{"id", o.id}, {"name", o.name}, {"price", money(o.price, cur)}};
    if (price.shipping_method_valid && o.id == cart.shipping_method_id) method = option;
    options.push_back(std::move(option));
  }
  for (const auto& c : price.codes)
    codes.push_back({{"code", c.code},
                     {"applies", c.reason.empty()},
                     {"amount", money(c.amount, cur)},
                     {"reason", c.reason.empty() ? boost::json::value() : boost::json::value(c.reason)}});
  for (const auto& pr : p.problems)
    problems.push_back({{"code", pr.code},
                        {"sku", pr.sku.empty() ? boost::json::value() : boost::json::value(pr.sku)},
                        {"message", pr.message}});
  return {{"id", cart.id},
          {"status", boost::describe::enum_to_string(cart.status, "?")},
          {"version", cart.version},
          {"currency", cur},
          {"locale", cart.locale},
          {"customer_id", cart.owner_id.empty() ? boost::json::value() : boost::json::value(cart.owner_id)},
          {"lines", std::move(lines)},
          {"saved", std::move(saved)},
          {"shipping_address", address_json(cart.shipping_address)},
          {"billing_address", address_json(cart.billing_address)},
          {"shipping_options", std::move(options)},
          {"shipping_method", std::move(method)},
          {"discount_codes", std::move(codes)},
          {"totals",
           {{"subtotal", money(price.subtotal, cur)},
            {"discount", money(price.discount, cur)},
            {"shipping", money(price.shipping, cur)},
            {"tax", money(price.tax, cur)},
            {"total", money(price.total, cur)},
            {"tax_inclusive", price.tax_inclusive}}},
          {"problems", std::move(problems)},
          {"merged_into", cart.merged_into.empty() ? boost::json::value() : boost::json::value(cart.merged_into)},
          {"created_at", to_rfc3339(cart.created_at)},
          {"updated_at", to_rfc3339(cart.updated_at)},
          {"expires_at", to_rfc3339(cart.expires_at)}};
}

http::Response cart_response(const PricedCart& cart, unsigned status) {
  auto r = http::Response::json(cart_json(cart), status);
  r.headers.emplace_back("ETag", "\"" + std::to_string(cart.cart.version) + "\"");
  return r;
}

}  // namespace agora::cart
