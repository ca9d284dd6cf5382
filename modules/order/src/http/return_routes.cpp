#include "http/order_json.hpp"
#include "http/order_schemas.hpp"
#include "http/routes.hpp"

namespace agora::order {

void add_return_routes(http::Router& router, ReturnService& returns) {
  using http::Method;
  using http::Request;
  using http::Response;
  // The buyer (signed in, or a guest with X-Order-Token) or staff.
  router.add(Method::post, "/api/v1/orders/{id}/returns",
             [&returns](const Request& req) {
               return Response::text(
                   order_json(returns.request(req.param("id"), viewer_of(req), parse_return(req.json()))),
                   "application/json", 201);
             },
             {.doc = {.summary = "Asks to send shipped units back, until the return window closes",
                      .request = std::string(kNewReturn),
                      .response = std::string(kOrderRef),
                      .status = 201,
                      .parameters = parameters({kOrderTokenParameter}),
                      .problems = {409}}});
  router.add(
      Method::post, "/api/v1/admin/orders/{id}/returns/{return_id}/received",
      [&returns](const Request& req) {
        return Response::text(order_json(returns.receive(req.param("id"), req.param("return_id"))), "application/json");
      },
      {.roles = kShippers.roles,
       .doc = {.summary = "Records a return's units received: its refund is worked out and given back (again: the "
                          "same answer)",
               .response = std::string(kOrderRef)}});
}

}  // namespace agora::order
