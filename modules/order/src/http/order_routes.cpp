#include "http/order_json.hpp"
#include "http/routes.hpp"

#include <agora/core/ids.hpp>
#include <boost/describe/enum_from_string.hpp>

namespace agora::order {
namespace {

using http::Method;
using http::Request;
using http::Response;

}  // namespace

Viewer viewer_of(const http::Request& req) {
  Viewer v;
  if (req.principal) {
    v.customer_id = req.principal->user_id;
    v.staff = req.principal->has_role(user::kOrderManager) || req.principal->has_role(user::kAdmin);
  }
  v.order_token = std::string(req.header("x-order-token").value_or(""));
  return v;
}

namespace {

std::string query_text(const Request& req, std::string_view name) {
  return std::string(req.query_param(name).value_or(""));
}

Response json(std::string body) { return Response::text(std::move(body), "application/json"); }

}  // namespace

void add_order_routes(http::Router& router, OrderService& orders) {
  router.add(
      Method::get, "/api/v1/orders",
      [&orders](const Request& req) {
        return json(page_json(orders.list({req.user().user_id, {}, ""}, req.page_limit(), query_text(req, "cursor"))));
      },
      {.auth = true});
  // Signed in (their own, or any for staff) or a guest with X-Order-Token.
  router.add(Method::get, "/api/v1/orders/{id}",
             [&orders](const Request& req) { return json(order_json(orders.get(req.param("id"), viewer_of(req)))); });
  router.add(Method::post, "/api/v1/orders/{id}/cancel", [&orders](const Request& req) {
    return json(order_json(orders.cancel(req.param("id"), viewer_of(req))));
  });
  router.add(
      Method::get, "/api/v1/admin/orders",
      [&orders](const Request& req) {
        order_store::Filter filter{
            query_text(req, "customer_id"), {}, query_text(req, "email"), query_text(req, "number")};
        std::vector<FieldError> bad;
        if (!filter.customer_id.empty() && !is_uuid(filter.customer_id))
          bad.push_back({"customer_id", "is not a UUID"});
        if (const auto status = req.query_param("status")) {
          OrderStatus s{};
          if (!boost::describe::enum_from_string(std::string(*status).c_str(), s))
            bad.push_back({"status", "is not an order status"});
          filter.status = s;
        }
        if (!bad.empty()) throw Error(ErrorKind::validation, "invalid order search", std::move(bad));
        return json(page_json(orders.list(filter, req.page_limit(), query_text(req, "cursor"))));
      },
      kStaff);
}

}  // namespace agora::order
