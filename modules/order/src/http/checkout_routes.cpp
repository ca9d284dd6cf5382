#include "http/order_json.hpp"
#include "http/order_schemas.hpp"
#include "http/routes.hpp"

namespace agora::order {
namespace {

using http::Method;
using http::Request;
using http::Responder;
using http::Response;

// 201 (200 for a repeated request) once the order is placed, cancelled or waiting for the buyer's
// action; 202 while it is still on its way. Both name the order in Location.
Response checkout_answer(const Order& o, bool created, const std::string& guest_token) {
  const auto status = !settled_for_checkout(o.status, o.payment_status) ? 202u : created ? 201u : 200u;
  auto r = Response::text(order_json(o, guest_token), "application/json", status);
  r.headers.emplace_back("Location", "/api/v1/orders/" + o.id);
  return r;
}

}  // namespace

void add_checkout_routes(http::Router& router, CheckoutService& checkout, OrderService& orders,
                         CheckoutWaiters& waiters, std::chrono::milliseconds wait) {
  // Async: the answer waits for the saga without holding a worker thread. A guest shows the cart's
  // X-Cart-Token and is given the order's token to read it with.
  const auto start = [&checkout, &orders, &waiters, wait](const Request& req, std::shared_ptr<Responder> r) {
    r->work_on_workers([&, r, wait] {
      const auto request = parse_checkout(req);
      const Buyer buyer{req.principal ? req.principal->user_id : "",
                        std::string(req.header("x-cart-token").value_or(""))};
      const auto started = checkout.start(request, buyer);
      const auto& order = started.order;
      const auto token = order.customer_id.empty() ? orders.guest_token(order.id) : std::string();
      if (settled_for_checkout(order.status, order.payment_status) || wait.count() == 0)
        return r->respond(checkout_answer(order, started.created, token));
      const auto answer = [&orders, r, id = order.id, created = started.created, token](bool) {
        r->on_workers([&orders, id, created, token] { return checkout_answer(orders.get(id), created, token); });
      };
      const auto ticket = waiters.wait(order.id, CheckoutWaiters::Clock::now() + wait, answer);
      // Settled before the waiter was there: its event was heard by no one.
      if (orders.settled(order.id) && waiters.take(order.id, ticket))
        r->respond(checkout_answer(orders.get(order.id), started.created, token));
    });
  };
  router.add(Method::post, "/api/v1/checkout", nullptr,
             {.async = start,
              .doc = {.summary = "Checks out a cart: 201 once the order is placed, cancelled or awaits the buyer's "
                                 "action, 202 while it is on its way, 200 for a repeat of the same request",
                      .request = std::string(kCheckoutRequest),
                      .response = std::string(kOrderRef),
                      .status = 201,
                      .parameters = parameters({kCheckoutParameters}),
                      .problems = {404, 409},
                      .headers = {"Location"}}});
}

}  // namespace agora::order
