#include "http/payment_json.hpp"
#include "http/refund_json.hpp"
#include "http/routes.hpp"

#include <agora/user/api.hpp>
#include <boost/json/array.hpp>

namespace agora::payment {
namespace {

using http::Method;
using http::Request;
using http::Response;

// Who looks into payments: the staff who run orders, and administrators.
const http::RouteOptions kOrderStaff{.roles = {std::string(user::kOrderManager), std::string(user::kAdmin)}};

// The platform replays a request that names its Idempotency-Key, and only that one: money given back
// must not be given twice by a retry, so the key is required.
void require_idempotency_key(const Request& req) {
  if (!req.header("idempotency-key"))
    throw Error(ErrorKind::validation, "a refund needs an Idempotency-Key header",
                {{"Idempotency-Key", "is required: a fresh value (a UUID) per refund, the same on its retries"}});
}

}  // namespace

void add_admin_routes(http::Router& router, PaymentQueries& payments, StaffRefunds& refunds) {
  router.add(
      Method::get, "/api/v1/admin/payments/{id}",
      [&payments](const Request& req) { return Response::json(payment_json(payments.get(req.param("id")))); },
      kOrderStaff);
  // ?order_id= is required: a payment is looked up by its order.
  router.add(
      Method::get, "/api/v1/admin/payments",
      [&payments](const Request& req) {
        const auto order_id = req.query_param("order_id");
        if (!order_id) throw Error(ErrorKind::validation, "invalid query", {{"order_id", "is required"}});
        boost::json::array items;
        for (const auto& record : payments.of_order(std::string(*order_id))) items.push_back(payment_json(record));
        return Response::json(boost::json::object{{"items", std::move(items)}});
      },
      kOrderStaff);
  router.add(Method::post, "/api/v1/admin/payments/{id}/refunds",
             [&refunds](const Request& req) {
               require_idempotency_key(req);
               const auto started = refunds.refund(req.param("id"), parse_refund(req.json()), req.user().user_id);
               return Response::json(refund_json(started), 202);
             },
             {.roles = kOrderStaff.roles, .idempotent = true});
}

}  // namespace agora::payment
