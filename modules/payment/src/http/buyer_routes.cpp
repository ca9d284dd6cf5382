#include "http/payment_schemas.hpp"
#include "http/routes.hpp"

#include <boost/describe/enum_to_string.hpp>

namespace agora::payment {

void add_buyer_routes(http::Router& router, BuyerReturns& returns) {
  // Signed in or not: a guest's payment is brought back without an account (buyer_returns.hpp).
  router.add(
      http::Method::post, "/api/v1/payments/orders/{order_id}/return",
      [&returns](const http::Request& req) {
        const auto& order_id = req.param("order_id");
        const auto caller = req.principal ? std::optional(req.principal->user_id) : std::nullopt;
        const auto r = returns.returned(order_id, caller);
        return http::Response::json(
            boost::json::object{{"order_id", order_id}, {"status", boost::describe::enum_to_string(r.status, "?")}},
            r.confirming ? 202 : 200);
      },
      {.doc = {.summary = "The buyer is back from the gateway's page: 202 when the payment that waited for them is "
                          "being authorized, 200 when it waited for nothing",
               .response = std::string(kBuyerReturned),
               .status = 202,
               .problems = {401}}});
}

}  // namespace agora::payment
