#include "domain/inputs.hpp"

#include <agora/core/fields.hpp>

#include <algorithm>

namespace agora::inventory {
namespace {

constexpr std::int64_t kMaxQuantity = 1'000'000'000;
constexpr std::size_t kMaxLines = 100;

std::optional<std::string> sku_field(Fields& f, std::string_view key) {
  auto sku = f.text(key, 64, true);
  if (sku && !valid_sku(*sku)) {
    f.fail(std::string(key), "letters, digits, '-', '_' and '.' only");
    return std::nullopt;
  }
  return sku;
}

void read_warehouse_fields(Fields& f, Warehouse& w) {
  if (f.has("name")) w.name = f.text("name", 200, true).value_or(w.name);
  if (f.has("region")) w.region = f.text("region", 64, false, true).value_or(w.region);
  if (f.has("address")) w.address = f.text("address", 1000, false, true, true).value_or(w.address);
  if (f.has("priority")) w.priority = static_cast<int>(f.integer("priority", 0, 1'000'000).value_or(w.priority));
  if (f.has("active")) w.active = f.boolean("active").value_or(w.active);
}

std::optional<std::chrono::seconds> ttl_field(Fields& f, std::chrono::seconds max_ttl) {
  if (!f.has("ttl_seconds")) return std::nullopt;
  const auto s = f.integer("ttl_seconds", 1, max_ttl.count());
  if (!s) return std::nullopt;
  return std::chrono::seconds(*s);
}

}  // namespace

std::string shipping_region_field(Fields& f) { return f.text("shipping_region", 64, false, true).value_or(""); }

bool valid_sku(std::string_view sku) {
  return !sku.empty() && sku.size() <= 64 && std::all_of(sku.begin(), sku.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
  });
}

Warehouse parse_new_warehouse(const boost::json::value& body) {
  Fields f(body);
  Warehouse w;
  const auto code = f.text("code", 32, true);
  if (code && !valid_sku(*code)) f.fail("code", "letters, digits, '-', '_' and '.' only");
  w.code = code.value_or("");
  if (!f.has("name")) f.fail("name", "is required");
  read_warehouse_fields(f, w);
  f.finish({"code", "name", "region", "address", "priority", "active"}, "invalid warehouse");
  return w;
}

void apply_warehouse_patch(const boost::json::value& body, Warehouse& w) {
  Fields f(body);
  if (f.has("code")) f.fail("code", "cannot be changed");
  read_warehouse_fields(f, w);
  f.finish({"name", "region", "address", "priority", "active"}, "invalid warehouse");
}

StockChange parse_stock_change(const boost::json::value& body) {
  Fields f(body);
  StockChange c;
  c.sku = sku_field(f, "sku").value_or("");
  c.warehouse = f.text("warehouse", 32, true).value_or("");
  c.kind = f.text("kind", 16, true).value_or("");
  if (!c.kind.empty() && c.kind != "receive" && c.kind != "adjust" && c.kind != "return")
    f.fail("kind", "is one of receive, adjust, return");
  const bool adjust = c.kind == "adjust";
  c.quantity = f.integer("quantity", adjust ? -kMaxQuantity : 1, kMaxQuantity, true).value_or(0);
  if (adjust && f.has("quantity") && c.quantity == 0) f.fail("quantity", "an adjustment is not zero");
  c.reason = f.text("reason", 500, adjust, !adjust).value_or("");  // an adjustment says why
  f.finish({"sku", "warehouse", "kind", "quantity", "reason"}, "invalid stock change");
  return c;
}

StockSettings parse_stock_settings(const boost::json::value& body) {
  Fields f(body);
  StockSettings s;
  if (f.has("safety_stock")) s.safety_stock = f.integer("safety_stock", 0, kMaxQuantity);
  if (const auto* t = f.raw("low_stock_threshold")) {
    s.threshold_given = true;
    if (!t->is_null()) s.low_stock_threshold = f.integer("low_stock_threshold", 0, kMaxQuantity);
  }
  f.finish({"safety_stock", "low_stock_threshold"}, "invalid stock settings");
  return s;
}

std::optional<std::int64_t> parse_sku_threshold(const boost::json::value& body) {
  Fields f(body);
  std::optional<std::int64_t> threshold;
  const auto* t = f.raw("low_stock_threshold");
  if (!t) f.fail("low_stock_threshold", "is required (null removes it)");
  else if (!t->is_null()) threshold = f.integer("low_stock_threshold", 0, kMaxQuantity);
  f.finish({"low_stock_threshold"}, "invalid threshold");
  return threshold;
}

std::string ReservationRequest::quantity_field(const std::string& sku) const {
  const auto it = std::find_if(given.begin(), given.end(), [&](const Line& l) { return l.sku == sku; });
  return "lines[" + std::to_string(it - given.begin()) + "].quantity";
}

std::vector<Line> read_lines(Fields& f, bool other_keys_allowed) {
  std::vector<Line> given;
  const auto* lines = f.raw("lines");
  if (!lines || !lines->is_array() || lines->as_array().empty() || lines->as_array().size() > kMaxLines) {
    f.fail("lines", "is a list of 1 to " + std::to_string(kMaxLines) + " {sku, quantity}");
    return given;
  }
  for (std::size_t i = 0; i < lines->as_array().size(); ++i) {
    const auto& item = lines->as_array()[i];
    const auto prefix = "lines[" + std::to_string(i) + "].";
    if (!item.is_object()) {
      f.fail("lines[" + std::to_string(i) + "]", "is an object {sku, quantity}");
      continue;
    }
    Fields line(item);
    const auto sku = sku_field(line, "sku");
    const auto quantity = line.integer("quantity", 1, kMaxQuantity, true);
    f.add(other_keys_allowed ? line.take_errors(prefix) : line.nested_errors({"sku", "quantity"}, prefix));
    given.push_back({sku.value_or(""), quantity.value_or(0)});
  }
  return given;
}

ReservationRequest parse_reservation_request(const boost::json::value& body, std::chrono::seconds max_ttl) {
  Fields f(body);
  ReservationRequest r;
  r.given = read_lines(f, false);
  if (f.has("shipping_region")) r.shipping_region = shipping_region_field(f);
  r.ttl = ttl_field(f, max_ttl);
  f.finish({"lines", "shipping_region", "ttl_seconds"}, "invalid reservation");
  r.lines = merge_lines(r.given);
  return r;
}

std::optional<std::chrono::seconds> parse_extension(const boost::json::value& body, std::chrono::seconds max_ttl) {
  if (body.is_null()) return std::nullopt;
  Fields f(body);
  const auto ttl = ttl_field(f, max_ttl);
  f.finish({"ttl_seconds"}, "invalid extension");
  return ttl;
}

}  // namespace agora::inventory
