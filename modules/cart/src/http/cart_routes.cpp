#include "http/cart_json.hpp"
#include "http/routes.hpp"

#include <agora/user/api.hpp>

namespace agora::cart {
namespace {

using http::Method;
using http::Request;
using http::Response;

const http::RouteOptions kCustomers{.roles = {std::string(user::kCustomer)}};

// An async route's answer: the cart, the error, or the rest of the work on the worker pool.
CartService::Continuation answer_to(std::shared_ptr<http::Responder> r) {
  return {[r](PricedCart cart) { r->respond(cart_response(cart)); }, [r](std::exception_ptr e) { r->fail(e); },
          [r](std::function<PricedCart()> work) { r->on_workers([work] { return cart_response(work()); }); }};
}

}  // namespace

void add_cart_routes(http::Router& router, CartService& s, const Caps& caps) {
  const auto max_qty = caps.max_quantity;
  router.add(Method::post, "/api/v1/carts", [&s](const Request& req) {
    const auto created = s.create(caller_of(req), parse_new_cart(req.json()));
    auto r = cart_response(created.cart, created.existing ? 200 : 201, created.token);
    r.headers.emplace_back("Location", "/api/v1/carts/" + created.cart.cart.id);
    return r;
  });
  // The hot paths answer without blocking: Redis is asked on its own I/O thread (Redis::run_async).
  router.add(Method::get, "/api/v1/carts/mine", nullptr,
             {.roles = kCustomers.roles, .async = [&s](const Request& req, std::shared_ptr<http::Responder> r) {
                s.mine_async(req.user().user_id, answer_to(std::move(r)));
              }});
  router.add(Method::get, "/api/v1/carts/{id}", nullptr,
             {.async = [&s](const Request& req, std::shared_ptr<http::Responder> r) {
               s.get_async(caller_of(req), req.param("id"), answer_to(std::move(r)));
             }});
  router.add(Method::post, "/api/v1/carts/{id}/lines", nullptr,
             {.async = [&s, max_qty](const Request& req, std::shared_ptr<http::Responder> r) {
               const auto line = parse_line(req.json(), max_qty);
               s.add_line_async(caller_of(req), req.param("id"), if_match(req), line.sku, line.quantity,
                                answer_to(std::move(r)));
             }});
  router.add(Method::patch, "/api/v1/carts/{id}/lines/{sku}", [&s, max_qty](const Request& req) {
    const auto quantity = parse_quantity(req.json(), max_qty);
    return cart_response(s.set_quantity(caller_of(req), req.param("id"), if_match(req), req.param("sku"), quantity));
  });
  router.add(Method::del, "/api/v1/carts/{id}/lines/{sku}", [&s](const Request& req) {
    return cart_response(s.remove_line(caller_of(req), req.param("id"), if_match(req), req.param("sku")));
  });
  router.add(Method::post, "/api/v1/carts/{id}/saved", [&s](const Request& req) {
    const auto sku = parse_sku(req.json());
    return cart_response(s.save_for_later(caller_of(req), req.param("id"), if_match(req), sku));
  });
  router.add(Method::post, "/api/v1/carts/{id}/saved/{sku}/move-to-cart", [&s](const Request& req) {
    return cart_response(s.move_to_cart(caller_of(req), req.param("id"), if_match(req), req.param("sku")));
  });
  router.add(Method::del, "/api/v1/carts/{id}/saved/{sku}", [&s](const Request& req) {
    return cart_response(s.remove_saved(caller_of(req), req.param("id"), if_match(req), req.param("sku")));
  });
  for (const bool shipping : {true, false})
    router.add(Method::put, shipping ? "/api/v1/carts/{id}/shipping-address" : "/api/v1/carts/{id}/billing-address",
               [&s, shipping](const Request& req) {
                 const auto address = parse_address(req.json());
                 return cart_response(s.set_address(caller_of(req), req.param("id"), if_match(req), shipping, address));
               });
  router.add(Method::get, "/api/v1/carts/{id}/shipping-options", [&s](const Request& req) {
    const auto cart = s.get(caller_of(req), req.param("id"));
    return Response::text(shipping_options_text(cart), "application/json");
  });
  router.add(Method::put, "/api/v1/carts/{id}/shipping-method", [&s](const Request& req) {
    const auto method = parse_method(req.json());
    return cart_response(s.set_shipping_method(caller_of(req), req.param("id"), if_match(req), method));
  });
  router.add(Method::post, "/api/v1/carts/{id}/discount-codes", [&s](const Request& req) {
    const auto code = parse_code(req.json());
    return cart_response(s.add_code(caller_of(req), req.param("id"), if_match(req), code));
  });
  router.add(Method::del, "/api/v1/carts/{id}/discount-codes/{code}", [&s](const Request& req) {
    return cart_response(s.remove_code(caller_of(req), req.param("id"), if_match(req), req.param("code")));
  });
  router.add(
      Method::post, "/api/v1/carts/{id}/merge",
      [&s](const Request& req) { return cart_response(s.merge(caller_of(req), req.param("id"))); }, kCustomers);
}

}  // namespace agora::cart
