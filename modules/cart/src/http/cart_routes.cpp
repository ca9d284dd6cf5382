#include "http/cart_json.hpp"
#include "http/cart_schemas.hpp"
#include "http/routes.hpp"

#include <agora/user/api.hpp>

namespace agora::cart {
namespace {

using http::Method;
using http::Request;
using http::Response;

const std::vector<std::string> kCustomers{std::string(user::kCustomer)};

// The doc of a route on one cart: the guest's token, and for a change If-Match, 409 (the cart is no
// longer active, or other requests kept changing it) and 412; the answer's ETag is the cart's version.
http::RouteDoc on_cart(std::string summary, std::string request = {}, bool change = true) {
  using namespace schemas;
  return {.summary = std::move(summary),
          .request = std::move(request),
          .response = schema_ref("Cart"),
          .parameters = "[" + std::string(kCartToken) + (change ? "," + std::string(kIfMatch) : "") + "]",
          .problems = change ? std::vector<unsigned>{409, 412} : std::vector<unsigned>{},
          .headers = {"ETag"}};
}

// An async route's answer: the cart, the error, or the rest of the work on the worker pool.
CartService::Continuation answer_to(std::shared_ptr<http::Responder> r) {
  return {[r](PricedCart cart) { r->respond(cart_response(cart)); }, [r](std::exception_ptr e) { r->fail(e); },
          [r](std::function<PricedCart()> work) { r->on_workers([work] { return cart_response(work()); }); }};
}

}  // namespace

void add_cart_routes(http::Router& router, CartService& s, const Caps& caps) {
  using namespace schemas;
  router.schema("Cart", kCart);
  router.schema("CartLine", kCartLine);
  router.schema("CartAmounts", kCartAmounts);
  router.schema("CartAddress", kCartAddress);
  router.schema("CartShippingOption", kCartShippingOption);
  router.schema("CartShippingOptions", kCartShippingOptions);

  const auto max_qty = caps.max_quantity;
  router.add(
      Method::post, "/api/v1/carts",
      [&s](const Request& req) {
        const auto created = s.create(caller_of(req), parse_new_cart(req.json()));
        auto r = cart_response(created.cart, created.existing ? 200 : 201, created.token);
        r.headers.emplace_back("Location", "/api/v1/carts/" + created.cart.cart.id);
        return r;
      },
      {.doc = {.summary = "Creates a cart: a guest's (its token in the answer) or the signed-in customer's (200 with "
                          "their active cart when they have one)",
               .request = std::string(kNewCart),
               .response = schema_ref("Cart"),
               .status = 201,
               .headers = {"Location", "ETag"}}});
  // The hot paths answer without blocking: Redis is asked on its own I/O thread (Redis::run_async).
  router.add(
      Method::get, "/api/v1/carts/mine", nullptr,
      {.roles = kCustomers,
       .async = [&s](const Request& req,
                     std::shared_ptr<http::Responder> r) { s.mine_async(req.user().user_id, answer_to(std::move(r))); },
       .doc = {.summary = "The signed-in customer's active cart (404 without one)",
               .response = schema_ref("Cart"),
               .headers = {"ETag"}}});
  router.add(Method::get, "/api/v1/carts/{id}", nullptr,
             {.async =
                  [&s](const Request& req, std::shared_ptr<http::Responder> r) {
                    s.get_async(caller_of(req), req.param("id"), answer_to(std::move(r)));
                  },
              .doc = on_cart("A cart, priced now", {}, false)});
  router.add(Method::post, "/api/v1/carts/{id}/lines", nullptr,
             {.async =
                  [&s, max_qty](const Request& req, std::shared_ptr<http::Responder> r) {
                    const auto line = parse_line(req.json(), max_qty);
                    s.add_line_async(caller_of(req), req.param("id"), if_match(req), line.sku, line.quantity,
                                     answer_to(std::move(r)));
                  },
              .doc = on_cart("Adds a SKU to the cart (to its line when it has one)", new_line(max_qty))});
  router.add(Method::patch, "/api/v1/carts/{id}/lines/{sku}",
             [&s, max_qty](const Request& req) {
               const auto quantity = parse_quantity(req.json(), max_qty);
               return cart_response(
                   s.set_quantity(caller_of(req), req.param("id"), if_match(req), req.param("sku"), quantity));
             },
             {.doc = on_cart("Sets a line's quantity (0 removes it)", quantity_change(max_qty))});
  router.add(Method::del, "/api/v1/carts/{id}/lines/{sku}",
             [&s](const Request& req) {
               return cart_response(s.remove_line(caller_of(req), req.param("id"), if_match(req), req.param("sku")));
             },
             {.doc = on_cart("Removes a line")});
  router.add(Method::post, "/api/v1/carts/{id}/saved",
             [&s](const Request& req) {
               const auto sku = parse_sku(req.json());
               return cart_response(s.save_for_later(caller_of(req), req.param("id"), if_match(req), sku));
             },
             {.doc = on_cart("Moves a line of the cart to its saved list", std::string(kSku))});
  router.add(Method::post, "/api/v1/carts/{id}/saved/{sku}/move-to-cart",
             [&s](const Request& req) {
               return cart_response(s.move_to_cart(caller_of(req), req.param("id"), if_match(req), req.param("sku")));
             },
             {.doc = on_cart("Moves a saved line back into the cart")});
  router.add(Method::del, "/api/v1/carts/{id}/saved/{sku}",
             [&s](const Request& req) {
               return cart_response(s.remove_saved(caller_of(req), req.param("id"), if_match(req), req.param("sku")));
             },
             {.doc = on_cart("Removes a saved line")});
  for (const bool shipping : {true, false})
    router.add(Method::put, shipping ? "/api/v1/carts/{id}/shipping-address" : "/api/v1/carts/{id}/billing-address",
               [&s, shipping](const Request& req) {
                 const auto address = parse_address(req.json());
                 return cart_response(s.set_address(caller_of(req), req.param("id"), if_match(req), shipping, address));
               },
               {.doc = on_cart(shipping ? "Sets the address the cart ships to" : "Sets the address the cart bills to",
                               std::string(kAddressInput))});
  router.add(Method::get, "/api/v1/carts/{id}/shipping-options",
             [&s](const Request& req) {
               const auto cart = s.get(caller_of(req), req.param("id"));
               return Response::text(shipping_options_text(cart), "application/json");
             },
             {.doc = {.summary = "The shipping methods that ship the cart to its address, priced for it",
                      .response = schema_ref("CartShippingOptions"),
                      .parameters = "[" + std::string(kCartToken) + "]"}});
  router.add(Method::put, "/api/v1/carts/{id}/shipping-method",
             [&s](const Request& req) {
               const auto method = parse_method(req.json());
               return cart_response(s.set_shipping_method(caller_of(req), req.param("id"), if_match(req), method));
             },
             {.doc = on_cart("Chooses one of the cart's shipping options", std::string(kShippingMethodChoice))});
  router.add(Method::post, "/api/v1/carts/{id}/discount-codes",
             [&s](const Request& req) {
               const auto code = parse_code(req.json());
               return cart_response(s.add_code(caller_of(req), req.param("id"), if_match(req), code));
             },
             {.doc = on_cart("Adds a discount code (whether it applies shows in discount_codes)",
                             std::string(kDiscountCodeEntry))});
  router.add(Method::del, "/api/v1/carts/{id}/discount-codes/{code}",
             [&s](const Request& req) {
               return cart_response(s.remove_code(caller_of(req), req.param("id"), if_match(req), req.param("code")));
             },
             {.doc = on_cart("Removes a discount code")});
  router.add(
      Method::post, "/api/v1/carts/{id}/merge",
      [&s](const Request& req) { return cart_response(s.merge(caller_of(req), req.param("id"))); },
      {.roles = kCustomers,
       .doc = {.summary = "Merges a guest cart into the signed-in customer's (or makes it theirs when they have none)",
               .response = schema_ref("Cart"),
               .parameters = "[" + std::string(kCartToken) + "]",
               .problems = {409},
               .headers = {"ETag"}}});
}

}  // namespace agora::cart
