#include "http/routes.hpp"

#include <boost/json.hpp>

namespace agora::inventory {
namespace {

constexpr std::size_t kMaxSkus = 100;

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
                {{"sku", "names 1 to " + std::to_string(kMaxSkus) + " SKUs"}});
  return skus;
}

boost::json::object availability_json(const Availability& a) {
  return {{"sku", a.sku},
          {"on_hand", a.on_hand},
          {"reserved", a.reserved},
          {"available", a.available},
          {"in_stock", a.in_stock()}};
}

http::Response answer(const std::vector<Availability>& list) {
  boost::json::array items;
  for (const auto& a : list) items.push_back(availability_json(a));
  return http::Response::json(boost::json::object{{"items", std::move(items)}});
}

}  // namespace

void add_availability_routes(http::Router& router, AvailabilityCache& cache) {
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
             }});
}

}  // namespace agora::inventory
