#include "http/delivery_routes.hpp"

#include "http/delivery_json.hpp"

#include <agora/user/api.hpp>

namespace agora::notification {

void add_delivery_routes(http::Router& router, Deliveries& deliveries) {
  using http::Method;
  using http::Request;
  using http::Response;
  static const http::RouteOptions kAdmins{.roles = {std::string(user::kAdmin)}};
  router.add(
      Method::get, "/api/v1/admin/notifications/messages",
      [&deliveries](const Request& req) {
        const auto filter = message_filter_from_query(req);
        return Response::json(message_page_json(
            deliveries.list(filter, req.page_limit(), std::string(req.query_param("cursor").value_or("")))));
      },
      kAdmins);
  router.add(
      Method::get, "/api/v1/admin/notifications/messages/{id}",
      [&deliveries](const Request& req) { return Response::json(message_json(deliveries.get(req.param("id")))); },
      kAdmins);
  router.add(
      Method::post, "/api/v1/admin/notifications/messages/{id}/resend",
      [&deliveries](const Request& req) {
        return Response::json(message_json(deliveries.resend(req.param("id"))), 201);
      },
      kAdmins);
}

}  // namespace agora::notification
