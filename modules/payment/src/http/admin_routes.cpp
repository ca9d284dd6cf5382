#include "http/payment_json.hpp"
#include "http/payment_schemas.hpp"
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

}  // namespace

void add_admin_routes(http::Router& router, PaymentQueries& payments, StaffRefunds& refunds) {
  router.schema("PaymentCall", kPaymentCallSchema);
  router.schema("Payment", kPaymentSchema);
  router.add(Method::get, "/api/v1/admin/payments/{id}",
             [&payments](const Request& req) { return Response::json(payment_json(payments.get(req.param("id")))); },
             {.roles = kOrderStaff.roles,
              .doc = {.summary = "A payment with its calls to the gateway", .response = std::string(kPaymentRef)}});
  // ?order_id= is required: a payment is looked up by its order.
  router.add(Method::get, "/api/v1/admin/payments",
             [&payments](const Request& req) {
               const auto order_id = req.query_param("order_id");
               if (!order_id) throw Error(ErrorKind::validation, "invalid query", {{"order_id", "is required"}});
               boost::json::array items;
               for (const auto& record : payments.of_order(std::string(*order_id)))
                 items.push_back(payment_json(record));
               return Response::json(boost::json::object{{"items", std::move(items)}});
             },
             {.roles = kOrderStaff.roles,
              .doc = {.summary = "An order's payment",
                      .response = std::string(kPaymentsOfOrder),
                      .parameters = std::string(kOrderIdParameter)}});
  router.add(Method::post, "/api/v1/admin/payments/{id}/refunds",
             [&refunds](const Request& req) {
               const auto started = refunds.refund(req.param("id"), parse_refund(req), req.user().user_id);
               return Response::json(refund_json(started), 202);
             },
             {.roles = kOrderStaff.roles,
              .idempotent = true,
              .doc = {.summary = "Gives back part or all of a captured payment (Idempotency-Key required); the "
                                 "gateway is called after the answer",
                      .request = std::string(kRefundRequest),
                      .response = std::string(kRefundStarted),
                      .status = 202,
                      .parameters = std::string(kRefundParameters)}});
}

}  // namespace agora::payment
