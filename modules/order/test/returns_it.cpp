// Returns: shipped units sent back, received by staff, restocked and refunded for what they cost;
// the refunds of an order add up to at most what was captured.
#include "order_app.hpp"

namespace agora::order::test {
namespace {

struct Shipped {
  std::string id;
  std::int64_t total = 0;
};

// An order of `lines` placed, paid and shipped whole.
Shipped shipped_order(OrderApp& app, const Account& buyer,
                      const std::vector<std::pair<std::string, std::int64_t>>& lines) {
  const auto r = app.checkout(app.cart(lines, buyer.token), "sandbox_ok", new_id(), buyer.token);
  REQUIRE(r.status == 201);
  const auto id = text(r.json(), "id");
  REQUIRE(eventually([&] { return payment_status(app.order(id, buyer.token)) == "paid"; }));
  REQUIRE(app.call("POST", "/api/v1/admin/orders/" + id + "/fulfillments",
                   {{"carrier", "DHL"}, {"tracking_number", "T"}}, app.admin.token)
              .status == 201);
  return {id, r.json().at("total").at("amount").as_int64()};
}

std::string return_id(const HttpResult& r) {
  const auto order = r.json();
  return text(order.at("returns").as_array().back(), "id");
}

}  // namespace

TEST_CASE("returned units go back on the shelf and are refunded for what they cost, never more than was paid") {
  OrderApp app;
  const auto buyer = app.customer();
  app.product("COAT-1", 9999, 3);
  app.product("GLOVE-1", 1001, 9);
  const auto order = shipped_order(app, buyer, {{"COAT-1", 1}, {"GLOVE-1", 3}});
  const auto path = "/api/v1/orders/" + order.id + "/returns";

  // Only what shipped, and only the buyer's.
  CHECK(bad_fields(app.call("POST", path, {{"lines", {{{"sku", "GLOVE-1"}, {"quantity", 4}}}}}, buyer.token)) ==
        std::vector<std::string>{"lines[0].quantity"});
  CHECK(app.call("POST", path, {{"lines", {{{"sku", "GLOVE-1"}, {"quantity", 1}}}}}, app.customer().token).status ==
        404);

  const auto first = app.call(
      "POST", path, {{"lines", {{{"sku", "GLOVE-1"}, {"quantity", 1}}}}, {"reason", "too small"}}, buyer.token);
  REQUIRE(first.status == 201);
  const auto received =
      app.call("POST", "/api/v1/admin/orders/" + order.id + "/returns/" + return_id(first) + "/received", nullptr,
               app.admin.token);
  REQUIRE(received.status == 200);
  const auto one_glove = received.json().at("returns").at(0).at("refund").at("amount").as_int64();
  CHECK(one_glove > 0);
  REQUIRE(app.handled());
  REQUIRE(eventually([&] { return payment_status(app.order(order.id, buyer.token)) == "partially_refunded"; }));
  CHECK(app.order(order.id, buyer.token).at("payment").at("refunded").at("amount") == one_glove);
  CHECK(app.available("GLOVE-1") == 7);  // 9 received, 3 sold, 1 back
  // Received twice: nothing more.
  CHECK(app.call("POST", "/api/v1/admin/orders/" + order.id + "/returns/" + return_id(first) + "/received", nullptr,
                 app.admin.token)
            .status == 200);

  // The rest comes back: the refunds add up to exactly what was paid.
  const auto rest =
      app.call("POST", path, {{"lines", {{{"sku", "GLOVE-1"}, {"quantity", 2}}, {{"sku", "COAT-1"}, {"quantity", 1}}}}},
               buyer.token);
  REQUIRE(rest.status == 201);
  CHECK(bad_fields(app.call("POST", path, {{"lines", {{{"sku", "COAT-1"}, {"quantity", 1}}}}}, buyer.token)) ==
        std::vector<std::string>{"lines[0].quantity"});
  REQUIRE(app.call("POST", "/api/v1/admin/orders/" + order.id + "/returns/" + return_id(rest) + "/received", nullptr,
                   app.admin.token)
              .status == 200);
  REQUIRE(eventually([&] { return payment_status(app.order(order.id, buyer.token)) == "refunded"; }));
  const auto final_order = app.order(order.id, buyer.token);
  CHECK(final_order.at("payment").at("refunded").at("amount") == order.total);
  CHECK(final_order.at("payment").at("captured").at("amount") == order.total);
  CHECK(app.count("SELECT coalesce(sum(refund_amount), 0) FROM \"order\".returns WHERE order_id = $1", {order.id}) ==
        order.total);
  CHECK(app.count("SELECT refunded FROM payment.payments WHERE order_id = $1", {order.id}) == order.total);
  REQUIRE(app.handled());
  CHECK(app.available("COAT-1") == 3);
  CHECK(app.available("GLOVE-1") == 9);
  CHECK(app.app.platform().events.dead_letters(10).empty());
}

TEST_CASE("nothing can be returned before it ships") {
  OrderApp app;
  const auto buyer = app.customer();
  app.product("DESK-1", 15000, 1);
  const auto r = app.checkout(app.cart({{"DESK-1", 1}}, buyer.token), "sandbox_ok", new_id(), buyer.token);
  REQUIRE(r.status == 201);
  CHECK(app.call("POST", "/api/v1/orders/" + text(r.json(), "id") + "/returns",
                 {{"lines", {{{"sku", "DESK-1"}, {"quantity", 1}}}}}, buyer.token)
            .status == 409);
  CHECK(bad_fields(app.call("POST", "/api/v1/orders/" + text(r.json(), "id") + "/returns", {{"reason", 7}},
                            buyer.token)) == std::vector<std::string>{"lines", "reason"});
}

}  // namespace agora::order::test
