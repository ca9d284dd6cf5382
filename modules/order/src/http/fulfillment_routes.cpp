#include "http/order_json.hpp"
#include "http/routes.hpp"

namespace agora::order {

void add_fulfillment_routes(http::Router& router, FulfillmentService& fulfillments) {
  using http::Method;
  using http::Request;
  using http::Response;
  router.add(
      Method::post, "/api/v1/admin/orders/{id}/fulfillments",
      [&fulfillments](const Request& req) {
        auto r = Response::text(order_json(fulfillments.create(req.param("id"), parse_fulfillment(req.json()))),
                                "application/json", 201);
        return r;
      },
      kShippers);
  router.add(
      Method::post, "/api/v1/admin/orders/{id}/fulfillments/{fulfillment_id}/delivered",
      [&fulfillments](const Request& req) {
        return Response::text(order_json(fulfillments.deliver(req.param("id"), req.param("fulfillment_id"))),
                              "application/json");
      },
      kShippers);
}

}  // namespace agora::order
