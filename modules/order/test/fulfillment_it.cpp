// After the order is placed: shipped in parts, delivered, and completed once the return window closed.
#include "order_app.hpp"

namespace agora::order::test {
namespace {

std::string ship(OrderApp& app, const std::string& id, const boost::json::object& body, int expected = 201) {
  const auto r = app.call("POST", "/api/v1/admin/orders/" + id + "/fulfillments", body, app.admin.token);
  REQUIRE(r.status == expected);
  if (expected != 201) return "";
  const auto order = r.json();
  return text(order.at("fulfillments").as_array().back(), "id");
}

}  // namespace

TEST_CASE("an order shipped in two parts is fulfilled, delivered, then completed after its return window") {
  OrderApp app({{"order.completion_interval_ms", "50"}, {"order.return_window_days", "14"}});
  const auto buyer = app.customer();
  app.product("SHOE-1", 4000, 5);
  app.product("SOCK-1", 500, 5);
  const auto placed =
      app.checkout(app.cart({{"SHOE-1", 1}, {"SOCK-1", 3}}, buyer.token), "sandbox_ok", new_id(), buyer.token);
  REQUIRE(placed.status == 201);
  const auto id = text(placed.json(), "id");

  // Nothing the order does not hold, nor more than it holds, is shipped.
  ship(app, id, {{"carrier", "DHL"}, {"tracking_number", "T1"}, {"lines", {{{"sku", "HAT-9"}, {"quantity", 1}}}}}, 422);
  ship(app, id, {{"carrier", "DHL"}, {"tracking_number", "T1"}, {"lines", {{{"sku", "SOCK-1"}, {"quantity", 4}}}}},
       422);
  CHECK(app.call("POST", "/api/v1/admin/orders/" + id + "/fulfillments", {{"carrier", "DHL"}, {"tracking_number", "T"}},
                 buyer.token)
            .status == 403);

  const auto first =
      ship(app, id, {{"carrier", "DHL"}, {"tracking_number", "T1"}, {"lines", {{{"sku", "SOCK-1"}, {"quantity", 2}}}}});
  CHECK(text(app.order(id, buyer.token), "status") == "partially_fulfilled");
  // Shipped: too late to cancel.
  CHECK(app.call("POST", "/api/v1/orders/" + id + "/cancel", nullptr, buyer.token).status == 409);
  const auto second = ship(app, id, {{"carrier", "UPS"}, {"tracking_number", "T2"}});  // everything left
  auto order = app.order(id, buyer.token);
  CHECK(text(order, "status") == "fulfilled");
  REQUIRE(order.at("fulfillments").as_array().size() == 2);
  CHECK(order.at("fulfillments").at(1).at("lines").as_array().size() == 2);  // the shoe and the last sock
  ship(app, id, {{"carrier", "UPS"}, {"tracking_number", "T3"}}, 409);       // nothing left

  const auto delivered = [&](const std::string& f) {
    return app.call("POST", "/api/v1/admin/orders/" + id + "/fulfillments/" + f + "/delivered", nullptr,
                    app.admin.token);
  };
  REQUIRE(delivered(first).status == 200);
  CHECK(text(app.order(id, buyer.token), "status") == "fulfilled");
  REQUIRE(delivered(second).status == 200);
  CHECK(text(app.order(id, buyer.token), "status") == "delivered");
  CHECK(delivered(second).status == 200);  // again: nothing changes
  CHECK(delivered(new_id()).status == 404);
  CHECK(app.published_count<events::FulfillmentCreated>(id) == 2);
  CHECK(app.published_count<events::Delivered>(id) == 1);

  app.clock.advance(std::chrono::hours(24 * 14 + 1));  // access tokens expire too: the store tells
  REQUIRE(eventually([&] {
    return app.count("SELECT count(*) FROM \"order\".orders WHERE id = $1 AND status = 'completed'", {id}) == 1;
  }));
  const auto completed = app.published<events::Completed>(id);
  REQUIRE(completed.size() == 1);
  CHECK(completed.front().user_id == buyer.id);
  CHECK(completed.front().lines.size() == 2);
  REQUIRE(app.handled());
  CHECK(app.app.platform().events.dead_letters(10).empty());
}

TEST_CASE("an order that is not placed cannot ship") {
  OrderApp app;
  const auto buyer = app.customer();
  app.product("LAMP-1", 3000, 2);
  const auto r = app.checkout(app.cart({{"LAMP-1", 1}}, buyer.token), "sandbox_decline", new_id(), buyer.token);
  REQUIRE(r.status == 201);
  REQUIRE(text(r.json(), "status") == "cancelled");
  ship(app, text(r.json(), "id"), {{"carrier", "DHL"}, {"tracking_number", "T1"}}, 409);
  ship(app, new_id(), {{"carrier", "DHL"}, {"tracking_number", "T1"}}, 404);
  const auto bad = app.call("POST", "/api/v1/admin/orders/" + text(r.json(), "id") + "/fulfillments",
                            {{"lines", boost::json::array{}}}, app.admin.token);
  CHECK(bad_fields(bad) == std::vector<std::string>{"carrier", "lines", "tracking_number"});
}

}  // namespace agora::order::test
