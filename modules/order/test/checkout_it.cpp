// Checkout through the real server, from cart to placed and paid with the sandbox gateway, and the
// ways it ends otherwise: refused, out of stock, declined, waiting for the buyer too long.
#include "order_app.hpp"

#include <agora/inventory/events.hpp>

namespace agora::order::test {
namespace {

// Payments of the order, as the payment module recorded its calls to the gateway.
long long gateway_calls(OrderApp& app, const std::string& order_id, const std::string& kind) {
  return app.count(
      "SELECT count(*) FROM payment.calls c JOIN payment.payments p ON p.id = c.payment_id"
      " WHERE p.order_id = $1 AND c.kind = $2",
      {order_id, kind});
}

bool paid(OrderApp& app, const std::string& id, const std::string& bearer) {
  return payment_status(app.order(id, bearer)) == "paid";
}

}  // namespace

TEST_CASE("a customer's checkout is placed, numbered and paid, and its stock leaves the shelf") {
  OrderApp app;
  const auto buyer = app.customer();
  app.product("MUG-1", 1250, 10);
  const auto cart = app.cart({{"MUG-1", 2}}, buyer.token);

  const auto r = app.checkout(cart, "sandbox_ok", new_id(), buyer.token);
  REQUIRE(r.status == 201);
  const auto order = r.json();
  CHECK(text(order, "status") == "placed");
  CHECK(text(order, "number").rfind("LOCAL-", 0) == 0);
  CHECK(order.at("total").at("amount").as_int64() == order.at("lines").at(0).at("total").at("amount").as_int64());
  CHECK(order.at("lines").at(0).at("quantity") == 2);
  CHECK(order.at("lines").at(0).at("unit_price").at("amount") == 1250);
  CHECK(text(order, "email").find("@example.com") != std::string::npos);
  CHECK(r.headers.at("location") == "/api/v1/orders/" + text(order, "id"));

  const auto id = text(order, "id");
  REQUIRE(eventually([&] { return paid(app, id, buyer.token); }));
  CHECK(app.order(id, buyer.token).at("payment").at("captured").at("amount") == order.at("total").at("amount"));
  REQUIRE(app.handled());
  CHECK(app.available("MUG-1") == 8);
  CHECK(app.count("SELECT count(*) FROM inventory.reservations WHERE order_id = $1 AND status = 'committed'", {id}) ==
        1);
  CHECK(gateway_calls(app, id, "authorize") == 1);
  CHECK(gateway_calls(app, id, "capture") == 1);
  // The cart became the order (its copy in PostgreSQL is written behind Redis).
  CHECK(eventually([&] {
    return app.count("SELECT count(*) FROM cart.carts WHERE id = $1 AND status = 'checked_out'", {cart.id}) == 1;
  }));
  const auto history = app.count("SELECT count(*) FROM \"order\".history WHERE order_id = $1", {id});
  CHECK(history == 3);  // pending, awaiting_payment, placed
  CHECK(app.published_count<events::Created>(id) == 1);
  CHECK(app.published_count<events::Placed>(id) == 1);
}

TEST_CASE("a guest checks out with an email and reads the order with its token alone") {
  OrderApp app;
  app.product("CAP-1", 900, 5);
  const auto cart = app.cart({{"CAP-1", 1}});

  CHECK(bad_fields(app.checkout(cart, "sandbox_ok", new_id())) == std::vector<std::string>{"email"});
  const auto r = app.checkout(cart, "sandbox_ok", new_id(), "", "guest@example.com");
  REQUIRE(r.status == 201);
  const auto id = text(r.json(), "id");
  const auto token = text(r.json(), "order_token");
  CHECK(r.json().at("customer_id").is_null());

  CHECK(app.call("GET", "/api/v1/orders/" + id).status == 404);
  CHECK(app.call("GET", "/api/v1/orders/" + id, nullptr, "", {{"X-Order-Token", token + "0"}}).status == 404);
  const auto read = app.call("GET", "/api/v1/orders/" + id, nullptr, "", {{"X-Order-Token", token}});
  REQUIRE(read.status == 200);
  CHECK(text(read.json(), "email") == "guest@example.com");
  CHECK(app.call("GET", "/api/v1/orders/" + id, nullptr, app.customer().token).status == 404);
}

TEST_CASE("the same checkout posted twice with one key makes one order and one charge") {
  OrderApp app;
  const auto buyer = app.customer();
  app.product("PEN-1", 300, 10);
  const auto cart = app.cart({{"PEN-1", 1}}, buyer.token);
  const auto key = new_id();

  const auto first = app.checkout(cart, "sandbox_ok", key, buyer.token);
  REQUIRE(first.status == 201);
  const auto again = app.checkout(cart, "sandbox_ok", key, buyer.token);
  REQUIRE(again.status == 200);
  CHECK(text(again.json(), "id") == text(first.json(), "id"));
  CHECK(app.count("SELECT count(*) FROM \"order\".orders") == 1);
  REQUIRE(app.handled());
  CHECK(gateway_calls(app, text(first.json(), "id"), "authorize") == 1);

  SECTION("the key on another request is refused") {
    auto other = app.cart({{"PEN-1", 2}}, app.customer().token);
    boost::json::object body{{"cart_id", cart.id}, {"payment", {{"gateway", "sandbox"}, {"token", "sandbox_decline"}}}};
    const auto r = app.call("POST", "/api/v1/checkout", body, buyer.token, {{"Idempotency-Key", key}});
    CHECK(r.status == 422);
    CHECK(bad_fields(r) == std::vector<std::string>{"Idempotency-Key"});
  }
  SECTION("another key on the checked-out cart is refused") {
    const auto r = app.checkout(cart, "sandbox_ok", new_id(), buyer.token);
    CHECK((r.status == 409 || r.status == 404));
    CHECK(app.count("SELECT count(*) FROM \"order\".orders") == 1);
  }
}

TEST_CASE("a checkout without an Idempotency-Key or with a bad body is refused and makes nothing") {
  OrderApp app;
  const auto buyer = app.customer();
  app.product("INK-1", 300, 10);
  const auto cart = app.cart({{"INK-1", 1}}, buyer.token);

  CHECK(bad_fields(app.checkout(cart, "sandbox_ok", "", buyer.token)) == std::vector<std::string>{"Idempotency-Key"});
  // Every problem in one answer: the header's with the body's.
  const auto keyless = app.call("POST", "/api/v1/checkout", {{"cart_id", "not-a-cart"}}, buyer.token);
  CHECK(keyless.status == 422);
  CHECK(bad_fields(keyless) == std::vector<std::string>{"Idempotency-Key", "cart_id", "payment"});
  const auto bad_key = app.checkout(cart, "sandbox_ok", std::string(256, 'k'), buyer.token);
  CHECK(bad_key.status == 422);
  CHECK(bad_fields(bad_key) == std::vector<std::string>{"Idempotency-Key"});
  const auto bad =
      app.call("POST", "/api/v1/checkout",
               {{"cart_id", 7}, {"payment", {{"gateway", "cash"}, {"token", "4242 4242 4242 4242"}}}, {"x", 1}},
               buyer.token, {{"Idempotency-Key", new_id()}});
  CHECK(bad_fields(bad) == std::vector<std::string>{"cart_id", "x"});
  const auto card = app.checkout(cart, "4242424242424242", new_id(), buyer.token);
  CHECK(card.status == 422);
  CHECK(bad_fields(card) == std::vector<std::string>{"payment.token"});
  CHECK(app.call("POST", "/api/v1/checkout", "not json", buyer.token, {{"Idempotency-Key", new_id()}}).status == 400);
  const auto unknown = app.checkout({new_id(), ""}, "sandbox_ok", new_id(), buyer.token);
  CHECK(unknown.status == 404);
  // Another customer's cart is not theirs to check out.
  CHECK(app.checkout(cart, "sandbox_ok", new_id(), app.customer().token).status == 404);
  CHECK(app.count("SELECT count(*) FROM \"order\".orders") == 0);
}

TEST_CASE("a price that rose since the line was added is refused with the line named; one that fell passes") {
  OrderApp app;
  const auto buyer = app.customer();
  const auto dearer = app.product("UP-1", 1000, 10);
  const auto cheaper = app.product("DOWN-1", 1000, 10);
  const auto cart = app.cart({{"UP-1", 1}, {"DOWN-1", 1}}, buyer.token);
  agora::test::set_price(app, app.admin.token, dearer, 1100);
  agora::test::set_price(app, app.admin.token, cheaper, 900);

  const auto refused = app.checkout(cart, "sandbox_ok", new_id(), buyer.token);
  REQUIRE(refused.status == 409);
  CHECK(bad_fields(refused) == std::vector<std::string>{"lines.UP-1"});
  CHECK(app.count("SELECT count(*) FROM \"order\".orders") == 0);

  agora::test::set_price(app, app.admin.token, dearer, 1000);
  const auto r = app.checkout(cart, "sandbox_ok", new_id(), buyer.token);
  REQUIRE(r.status == 201);
  CHECK(r.json().at("subtotal").at("amount") == 1900);
}

TEST_CASE("a declined payment cancels the order, releases the stock, charges nothing and gives the cart back") {
  OrderApp app;
  const auto buyer = app.customer();
  app.product("BAG-1", 5000, 3);
  const auto cart = app.cart({{"BAG-1", 2}}, buyer.token);

  const auto r = app.checkout(cart, "sandbox_decline", new_id(), buyer.token);
  REQUIRE(r.status == 201);
  CHECK(text(r.json(), "status") == "cancelled");
  CHECK(text(r.json(), "cancel_reason") == "payment_failed");
  CHECK(payment_status(r.json()) == "failed");
  REQUIRE(app.handled());
  CHECK(app.available("BAG-1") == 3);
  CHECK(gateway_calls(app, text(r.json(), "id"), "capture") == 0);

  // The cart is active again: the buyer checks out once more with another card.
  REQUIRE(eventually([&] { return app.call("GET", "/api/v1/carts/" + cart.id, nullptr, buyer.token).status == 200; }));
  const auto retry = app.checkout(cart, "sandbox_ok", new_id(), buyer.token);
  REQUIRE(retry.status == 201);
  CHECK(text(retry.json(), "status") == "placed");
}

TEST_CASE("a payment that needs the buyer's action waits; when the reservation runs out the order is cancelled") {
  OrderApp app({{"inventory.reservation_ttl_s", "60"}, {"inventory.sweep_interval_ms", "50"}});
  const auto buyer = app.customer();
  app.product("TOY-1", 2000, 2);
  const auto cart = app.cart({{"TOY-1", 1}}, buyer.token);

  const auto r = app.checkout(cart, "sandbox_action", new_id(), buyer.token);
  REQUIRE(r.status == 201);
  CHECK(text(r.json(), "status") == "awaiting_payment");
  CHECK(payment_status(r.json()) == "requires_action");
  CHECK(text(r.json().at("payment").at("action"), "url").find("https://") == 0);
  const auto id = text(r.json(), "id");
  CHECK(app.published_count<events::ActionRequired>(id) == 1);

  app.clock.advance(std::chrono::seconds(61));
  REQUIRE(eventually([&] { return text(app.order(id, buyer.token), "status") == "cancelled"; }));
  CHECK(text(app.order(id, buyer.token), "cancel_reason") == "payment_timeout");
  REQUIRE(app.handled());
  CHECK(app.available("TOY-1") == 2);
  CHECK(gateway_calls(app, id, "capture") == 0);
}

TEST_CASE("an order the saga leaves awaiting payment is cancelled by the reconciler, its stock released") {
  OrderApp app({{"inventory.reservation_ttl_s", "86400"},
                {"order.stuck_after_s", "3600"},
                {"order.reconcile_interval_ms", "50"}});
  const auto buyer = app.customer();
  app.product("VASE-1", 2000, 2);
  const auto r = app.checkout(app.cart({{"VASE-1", 1}}, buyer.token), "sandbox_action", new_id(), buyer.token);
  REQUIRE(r.status == 201);
  const auto id = text(r.json(), "id");
  REQUIRE(app.handled());
  CHECK(app.available("VASE-1") == 1);

  app.clock.advance(std::chrono::seconds(3601));
  REQUIRE(eventually([&] {
    return app.count("SELECT count(*) FROM \"order\".orders WHERE id = $1 AND status = 'cancelled'", {id}) == 1;
  }));
  REQUIRE(app.handled());
  CHECK(app.count("SELECT count(*) FROM \"order\".orders WHERE id = $1 AND cancel_reason = 'payment_timeout'", {id}) ==
        1);
  // The void is a gateway call the payment runner makes after the cancellation is handled.
  CHECK(eventually([&] {
    return app.count("SELECT count(*) FROM payment.payments WHERE order_id = $1 AND status = 'voided'", {id}) == 1;
  }));
  CHECK(app.available("VASE-1") == 2);
}

TEST_CASE("orders are their buyer's: another customer can neither read, list nor cancel them") {
  OrderApp app;
  const auto alice = app.customer();
  const auto mallory = app.customer();
  app.product("KEY-1", 700, 10);
  const auto r = app.checkout(app.cart({{"KEY-1", 1}}, alice.token), "sandbox_ok", new_id(), alice.token);
  REQUIRE(r.status == 201);
  const auto id = text(r.json(), "id");

  CHECK(app.call("GET", "/api/v1/orders/" + id, nullptr, mallory.token).status == 404);
  CHECK(app.call("POST", "/api/v1/orders/" + id + "/cancel", nullptr, mallory.token).status == 404);
  CHECK(app.call("GET", "/api/v1/orders", nullptr, mallory.token).json().at("items").as_array().empty());
  CHECK(app.call("GET", "/api/v1/orders").status == 401);
  CHECK(app.call("GET", "/api/v1/admin/orders", nullptr, mallory.token).status == 403);

  const auto mine = app.call("GET", "/api/v1/orders", nullptr, alice.token);
  REQUIRE(mine.status == 200);
  REQUIRE(mine.json().at("items").as_array().size() == 1);
  CHECK(text(mine.json().at("items").at(0), "id") == id);
  const auto staff = app.call("GET", "/api/v1/admin/orders?status=placed", nullptr, app.admin.token);
  REQUIRE(staff.status == 200);
  CHECK(staff.json().at("items").as_array().size() == 1);
  const auto by_number =
      app.call("GET", "/api/v1/admin/orders?number=" + text(r.json(), "number"), nullptr, app.admin.token);
  REQUIRE(by_number.status == 200);
  CHECK(text(by_number.json().at("items").at(0), "id") == id);
  CHECK(app.call("GET", "/api/v1/admin/orders?number=LOCAL-1", nullptr, app.admin.token)
            .json()
            .at("items")
            .as_array()
            .empty());
  CHECK(app.call("GET", "/api/v1/orders/" + id, nullptr, app.admin.token).status == 200);
  CHECK(text(app.order(id, alice.token), "status") == "placed");
}

TEST_CASE("a bad list query is refused with one 422 naming each bad parameter") {
  OrderApp app;
  const auto buyer = app.customer();
  const auto mine = app.call("GET", "/api/v1/orders?limit=abc&cursor=nope", nullptr, buyer.token);
  CHECK(mine.status == 422);
  CHECK(bad_fields(mine) == std::vector<std::string>{"cursor", "limit"});
  CHECK(bad_fields(app.call("GET", "/api/v1/orders?limit=1000", nullptr, buyer.token)) ==
        std::vector<std::string>{"limit"});
  const auto search =
      app.call("GET", "/api/v1/admin/orders?status=lost&customer_id=42&limit=0&cursor=nope", nullptr, app.admin.token);
  CHECK(search.status == 422);
  CHECK(bad_fields(search) == std::vector<std::string>{"cursor", "customer_id", "limit", "status"});
  CHECK(app.call("GET", "/api/v1/orders/not-an-order", nullptr, buyer.token).status == 404);
}

TEST_CASE("a customer cancels an order that has not shipped: the payment is given back") {
  OrderApp app;
  const auto buyer = app.customer();
  app.product("HAT-1", 1500, 4);
  const auto r = app.checkout(app.cart({{"HAT-1", 1}}, buyer.token), "sandbox_ok", new_id(), buyer.token);
  REQUIRE(r.status == 201);
  const auto id = text(r.json(), "id");
  REQUIRE(eventually([&] { return paid(app, id, buyer.token); }));

  const auto cancelled = app.call("POST", "/api/v1/orders/" + id + "/cancel", nullptr, buyer.token);
  REQUIRE(cancelled.status == 200);
  CHECK(text(cancelled.json(), "status") == "cancelled");
  CHECK(text(cancelled.json(), "cancel_reason") == "customer");
  REQUIRE(eventually([&] { return payment_status(app.order(id, buyer.token)) == "refunded"; }));
  CHECK(app.order(id, buyer.token).at("payment").at("refunded").at("amount") == r.json().at("total").at("amount"));
  REQUIRE(app.handled());
  CHECK(app.available("HAT-1") == 4);
  // Too late twice: a cancelled order stays as it is.
  CHECK(app.call("POST", "/api/v1/orders/" + id + "/cancel", nullptr, buyer.token).status == 200);
  CHECK(app.published_count<events::Cancelled>(id) == 1);
}

TEST_CASE("a placed order whose expired reservation's units were sold is cancelled out_of_stock and refunded") {
  OrderApp app;
  const auto buyer = app.customer();
  app.product("CUP-1", 1200, 3);
  const auto r = app.checkout(app.cart({{"CUP-1", 2}}, buyer.token), "sandbox_ok", new_id(), buyer.token);
  REQUIRE(r.status == 201);
  const auto id = text(r.json(), "id");
  REQUIRE(eventually([&] { return paid(app, id, buyer.token); }));

  // What inventory answers to order.placed when the sweeper expired the reservation just before
  // and another order took the units meanwhile.
  app.db().transact([&](Tx& tx) { tx.publish(inventory::events::ReservationFailed{id, {{"CUP-1", 2, 1}}}); });
  REQUIRE(eventually([&] { return text(app.order(id, buyer.token), "status") == "cancelled"; }));
  const auto o = app.order(id, buyer.token);
  CHECK(text(o, "cancel_reason") == "out_of_stock");
  CHECK(text(o.at("short_lines").at(0), "sku") == "CUP-1");
  REQUIRE(eventually([&] { return payment_status(app.order(id, buyer.token)) == "refunded"; }));
  CHECK(app.order(id, buyer.token).at("payment").at("refunded").at("amount") == r.json().at("total").at("amount"));
  CHECK(gateway_calls(app, id, "refund") == 1);
  CHECK(app.published_count<events::Cancelled>(id) == 1);
}

}  // namespace agora::order::test
