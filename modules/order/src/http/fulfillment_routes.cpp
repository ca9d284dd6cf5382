#include "http/order_json.hpp"
#include "http/order_schemas.hpp"
#include "http/routes.hpp"

namespace agora::order {

void add_fulfillment_routes(http::Router& router, FulfillmentService& fulfillments) {
  using http::Method;
  using http::Request;
  using http::Response;
  router.add(Method::post, "/api/v1/admin/orders/{id}/fulfillments",
             [&fulfillments](const Request& req) {
               return Response::text(order_json(fulfillments.create(req.param("id"), parse_fulfillment(req.json()))),
                                     "application/json", 201);
             },
             {.roles = kShippers.roles,
              .doc = {.summary = "Ships units of a placed order (every unit not shipped yet without lines)",
                      .request = std::string(kNewFulfillment),
                      .response = std::string(kOrderRef),
                      .status = 201,
                      .problems = {409}}});
  router.add(Method::post, "/api/v1/admin/orders/{id}/fulfillments/{fulfillment_id}/delivered",
             [&fulfillments](const Request& req) {
               return Response::text(order_json(fulfillments.deliver(req.param("id"), req.param("fulfillment_id"))),
                                     "application/json");
             },
             {.roles = kShippers.roles,
              .doc = {.summary = "Marks a fulfillment delivered; the order is delivered once all of it is",
                      .response = std::string(kOrderRef)}});
}

}  // namespace agora::order
