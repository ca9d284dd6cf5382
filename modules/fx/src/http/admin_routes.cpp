#include "http/routes.hpp"

#include <boost/json.hpp>

namespace agora::fx {
namespace {

constexpr std::string_view kRefreshed = R"json({
  "type": "object",
  "required": ["provider", "base", "as_of", "quotes", "stored"],
  "properties": {
    "provider": {"type": "string", "description": "The first provider that answered", "examples": ["ecb"]},
    "base": {"type": "string"},
    "as_of": {"type": "string", "format": "date-time", "description": "When its rates became valid"},
    "quotes": {"type": "integer", "description": "How many currencies it priced"},
    "stored": {"type": "integer", "description": "New rates stored; 0 when these were stored already"}
  }
})json";

}  // namespace

void add_admin_routes(http::Router& router, RateRefresher& refresher) {
  router.add(http::Method::post, "/api/v1/admin/fx/refresh",
             [&refresher](const http::Request&) {
               const auto o = refresher.refresh();
               return http::Response::json({{"provider", o.provider},
                                            {"base", o.rates.base},
                                            {"as_of", to_rfc3339(o.rates.as_of)},
                                            {"quotes", o.rates.quotes.size()},
                                            {"stored", o.stored}});
             },
             {.auth = true,
              .roles = {"admin"},
              .doc = {.summary = "Fetches the rates now from the first provider that answers (503 when none does)",
                      .response = std::string(kRefreshed)}});
}

}  // namespace agora::fx
