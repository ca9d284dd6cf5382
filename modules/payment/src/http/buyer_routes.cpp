#include "http/routes.hpp"

#include <boost/describe/enum_to_string.hpp>

namespace agora::payment {

void add_buyer_routes(http::Router& router, BuyerReturns& returns) {
  // Signed in or not: a guest's payment is brought back without an account (buyer_returns.hpp).
  router.add(http::Method::post, "/api/v1/payments/orders/{order_id}/return", [&returns](const http::Request& req) {
    const auto& order_id = req.param("order_id");
    const auto caller = req.principal ? std::optional(req.principal->user_id) : std::nullopt;
    const auto r = returns.returned(order_id, caller);
    return http::Response::json(
        boost::json::object{{"order_id", order_id}, {"status", boost::describe::enum_to_string(r.status, "?")}},
        r.confirming ? 202 : 200);
  });
}

}  // namespace agora::payment
