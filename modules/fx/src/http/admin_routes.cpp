#include "http/routes.hpp"

#include <boost/json.hpp>

namespace agora::fx {

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
             {.auth = true, .roles = {"admin"}});
}

}  // namespace agora::fx
