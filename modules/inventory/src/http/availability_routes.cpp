#include "domain/lines.hpp"
#include "http/routes.hpp"

#include <boost/json.hpp>

namespace agora::inventory {
namespace {

constexpr std::size_t kMaxSkus = 100;

// ?sku=A&sku=B or ?sku=A,B: Error{validation} naming sku unless 1 to kMaxSkus SKUs.
std::vector<std::string> skus_of(const http::Request& req) {
  std::vector<std::string> skus;
  for (const auto& [name, value] : req.query) {
    if (name != "sku") continue;
    std::size_t start = 0;
    while (start <= value.size()) {
      const auto end = std::min(value.find(',', start), value.size());
      if (end > start) skus.push_back(value.substr(start, end - start));
      start = end + 1;
    }
  }
  if (skus.empty() || skus.size() > kMaxSkus)
    throw Error(ErrorKind::validation, "invalid availability query",
                {{"sku", "must name 1 to " + std::to_string(kMaxSkus) + " SKUs"}});
  std::vector<FieldError> errors;
  for (const auto& sku : skus)
    if (!valid_sku(sku)) errors.push_back({"sku", sku + " is not a SKU: letters, digits, '-', '_' and '.' only"});
  if (!errors.empty()) throw Error(ErrorKind::validation, "invalid availability query", std::move(errors));
  return skus;
}

boost::json::object availability_json(const Availability& a) {
  return {{"sku", a.sku},
          {"on_hand", a.on_hand},
          {"reserved", a.reserved},
          {"available", a.available},
          {"in_stock", a.in_stock()}};
}

// What availability_json writes, and the query, for the API document (GET /api/v1/openapi.json).
constexpr std::string_view kAvailability = R"json({
  "type": "object",
  "required": ["items"],
  "properties": {
    "items": {
      "type": "array",
      "description": "One per distinct SKU asked, in the order asked; a SKU without stock shows zeros",
      "items": {
        "type": "object",
        "required": ["sku", "on_hand", "reserved", "available", "in_stock"],
        "properties": {
          "sku": {"type": "string"},
          "on_hand": {"type": "integer"},
          "reserved": {"type": "integer"},
          "available": {"type": "integer", "description": "What can be sold: on hand in active warehouses, less reserved and safety stock"},
          "in_stock": {"type": "boolean"}
        }
      }
    }
  }
})json";

constexpr std::string_view kSkusQuery = R"json([
  {"name": "sku", "in": "query", "required": true, "explode": true,
   "description": "1 to 100 SKUs: sku=A&sku=B, or sku=A,B",
   "schema": {"type": "array", "minItems": 1, "maxItems": 100, "items": {"type": "string", "pattern": "^[A-Za-z0-9._-]{1,64}$"}}}
])json";

http::Response answer(const std::vector<Availability>& list) {
  boost::json::array items;
  for (const auto& a : list) items.push_back(availability_json(a));
  return http::Response::json(boost::json::object{{"items", std::move(items)}});
}

}  // namespace

void add_availability_routes(http::Router& router, AvailabilityCache& cache) {
  router.schema("InventoryAvailability", kAvailability);
  router.add(http::Method::get, "/api/v1/inventory/availability",
             [&cache](const http::Request& req) { return answer(cache.availability(skus_of(req))); },
             {.from_memory = [&cache](const http::Request& req) -> std::optional<http::Response> {
                std::vector<std::string> skus;
                try {
                  skus = skus_of(req);
                } catch (const Error&) {
                  return std::nullopt;  // the handler answers the problem
                }
                const auto hit = cache.cached_availability(skus);
                if (!hit) return std::nullopt;
                return answer(*hit);
              },
              .doc = {.summary = "What can be sold of some SKUs now",
                      .response = R"({"$ref": "#/components/schemas/InventoryAvailability"})",
                      .parameters = std::string(kSkusQuery)}});
}

}  // namespace agora::inventory
