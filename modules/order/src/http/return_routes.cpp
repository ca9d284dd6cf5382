#include "http/order_json.hpp"
#include "http/routes.hpp"

namespace agora::order {

void add_return_routes(http::Router& router, ReturnService& returns) {
  using http::Method;
  using http::Request;
  using http::Response;
  // The buyer (signed in, or a guest with X-Order-Token) or staff.
  router.add(Method::post, "/api/v1/orders/{id}/returns", [&returns](const Request& req) {
    return Response::text(order_json(returns.request(req.param("id"), viewer_of(req), parse_return(req.json()))),
                          "application/json", 201);
  });
  router.add(
      Method::post, "/api/v1/admin/orders/{id}/returns/{return_id}/received",
      [&returns](const Request& req) {
        return Response::text(order_json(returns.receive(req.param("id"), req.param("return_id"))), "application/json");
      },
      kShippers);
}

}  // namespace agora::order
