#include "http/reservation_json.hpp"

#include "domain/lines.hpp"
#include "domain/warehouse.hpp"
#include "http/sku_field.hpp"

#include <boost/json.hpp>

namespace agora::inventory {
namespace {

std::optional<std::chrono::seconds> ttl_field(Fields& f, std::chrono::seconds max_ttl) {
  if (!f.has("ttl_seconds")) return std::nullopt;
  const auto s = f.integer("ttl_seconds", 1, max_ttl.count());
  if (!s) return std::nullopt;
  return std::chrono::seconds(*s);
}

boost::json::array lines_json(const std::vector<Allocation>& lines) {
  boost::json::array a;
  for (const auto& l : lines) a.push_back({{"sku", l.sku}, {"quantity", l.quantity}, {"warehouse_id", l.warehouse_id}});
  return a;
}

}  // namespace

std::vector<Line> read_lines(Fields& f, bool other_keys_allowed) {
  std::vector<Line> given;
  const auto* lines = f.raw("lines");
  if (!lines || !lines->is_array() || lines->as_array().empty() || lines->as_array().size() > kMaxLines) {
    f.fail("lines", lines ? "must be a list of 1 to " + std::to_string(kMaxLines) + " {sku, quantity}" : "is required");
    return given;
  }
  for (std::size_t i = 0; i < lines->as_array().size(); ++i) {
    const auto& item = lines->as_array()[i];
    const auto prefix = "lines[" + std::to_string(i) + "].";
    if (!item.is_object()) {
      f.fail("lines[" + std::to_string(i) + "]", "must be an object {sku, quantity}");
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

std::string shipping_region_field(Fields& f) {
  return f.text("shipping_region", kMaxRegionLength, false, true).value_or("");
}

ReservationRequest parse_reservation_request(const boost::json::value& body, std::chrono::seconds max_ttl) {
  Fields f(body);
  ReservationRequest r;
  r.lines = read_lines(f, false);
  if (f.has("shipping_region")) r.shipping_region = shipping_region_field(f);
  r.ttl = ttl_field(f, max_ttl);
  f.finish({"lines", "shipping_region", "ttl_seconds"}, "invalid reservation");
  return r;
}

std::optional<std::chrono::seconds> parse_extension(const boost::json::value& body, std::chrono::seconds max_ttl) {
  if (body.is_null()) return std::nullopt;
  Fields f(body);
  const auto ttl = ttl_field(f, max_ttl);
  f.finish({"ttl_seconds"}, "invalid extension");
  return ttl;
}

boost::json::object reservation_json(const Reservation& r) {
  boost::json::value order = nullptr;
  if (r.order_id) order = *r.order_id;
  return {{"id", r.id},
          {"order_id", order},
          {"status", to_string(r.status)},
          {"expires_at", to_rfc3339(r.expires_at)},
          {"created_at", to_rfc3339(r.created_at)},
          {"updated_at", to_rfc3339(r.updated_at)},
          {"lines", lines_json(r.lines)}};
}

}  // namespace agora::inventory
