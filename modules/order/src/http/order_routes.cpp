#include "http/order_json.hpp"
#include "http/order_schemas.hpp"
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

struct Page {
  int limit = 20;
  std::string cursor;
};

// ?limit=&cursor= of a list, their problems added to `bad` (with the list's other parameters') so
// that one 422 names them all.
Page page_of(const Request& req, std::vector<FieldError>& bad) {
  Page page{req.page_limit(bad), query_text(req, "cursor")};
  if (!page.cursor.empty() && !is_uuid(page.cursor)) bad.push_back({"cursor", "is not a cursor this list gave"});
  return page;
}

}  // namespace

void add_order_routes(http::Router& router, OrderService& orders) {
  router.add(Method::get, "/api/v1/orders",
             [&orders](const Request& req) {
               std::vector<FieldError> bad;
               const auto page = page_of(req, bad);
               if (!bad.empty()) throw Error(ErrorKind::validation, "invalid order list query", std::move(bad));
               return json(page_json(orders.list({req.user().user_id, {}, "", ""}, page.limit, page.cursor)));
             },
             {.auth = true,
              .doc = {.summary = "The signed-in customer's orders, newest first",
                      .response = std::string(kOrderPageRef),
                      .parameters = parameters({kPageParameters})}});
  // Signed in (their own, or any for staff) or a guest with X-Order-Token.
  router.add(Method::get, "/api/v1/orders/{id}",
             [&orders](const Request& req) { return json(order_json(orders.get(req.param("id"), viewer_of(req)))); },
             {.doc = {.summary = "An order, for its buyer (signed in, or a guest with X-Order-Token) or staff",
                      .response = std::string(kOrderRef),
                      .parameters = parameters({kOrderTokenParameter})}});
  router.add(Method::post, "/api/v1/orders/{id}/cancel",
             [&orders](const Request& req) { return json(order_json(orders.cancel(req.param("id"), viewer_of(req)))); },
             {.doc = {.summary = "Cancels an order while nothing of it has shipped (again: the same answer)",
                      .response = std::string(kOrderRef),
                      .parameters = parameters({kOrderTokenParameter}),
                      .problems = {409}}});
  router.add(Method::get, "/api/v1/admin/orders",
             [&orders](const Request& req) {
               order_store::Filter filter{
                   query_text(req, "customer_id"), {}, query_text(req, "email"), query_text(req, "number")};
               std::vector<FieldError> bad;
               if (!filter.customer_id.empty() && !is_uuid(filter.customer_id))
                 bad.push_back({"customer_id", "is not a UUID"});
               if (const auto status = req.query_param("status")) {
                 OrderStatus s{};
                 if (!boost::describe::enum_from_string(std::string(*status).c_str(), s))
                   bad.push_back({"status",
                                  "must be one of pending, awaiting_payment, placed, partially_fulfilled, fulfilled, "
                                  "delivered, completed, cancelled"});
                 filter.status = s;
               }
               const auto page = page_of(req, bad);
               if (!bad.empty()) throw Error(ErrorKind::validation, "invalid order search", std::move(bad));
               return json(page_json(orders.list(filter, page.limit, page.cursor)));
             },
             {.roles = kStaff.roles,
              .doc = {.summary = "Every order, newest first, filtered by customer, status, email or number",
                      .response = std::string(kOrderPageRef),
                      .parameters = parameters({kOrderSearchParameters, kPageParameters})}});
}

}  // namespace agora::order
