// Guest and customer carts through the real server: who may see a cart, lines, saved lines,
// merge at sign-in, re-pricing on read, If-Match.
#include "cart_app.hpp"

#include <agora/cart/events.hpp>
#include <agora/core/redis.hpp>

namespace agora::cart::test {
namespace {

GuestCart guest_cart(CartApp& app, const std::string& currency = "USD") {
  const auto r = app.call("POST", "/api/v1/carts", {{"currency", currency}, {"locale", "en"}});
  REQUIRE(r.status == 201);
  return {id_of(r), std::string(r.json().at("token").as_string())};
}

HttpResult add(CartApp& app, const GuestCart& cart, const std::string& sku, std::int64_t quantity) {
  return app.call("POST", "/api/v1/carts/" + cart.id + "/lines", {{"sku", sku}, {"quantity", quantity}}, "",
                  cart.headers());
}

boost::json::object line_of(const boost::json::value& cart, const std::string& sku) {
  for (const auto& l : cart.at("lines").as_array())
    if (l.at("sku").as_string() == sku) return l.as_object();
  FAIL("no line " << sku);
  throw;
}

// The version of the cart's copy in PostgreSQL (0: none yet).
long long stored_version(CartApp& app, const std::string& id) {
  return app.count("SELECT COALESCE(max(version), 0) FROM cart.carts WHERE id = $1", {id});
}

// Redis stopped for a scope: started again however the scope ends.
struct RedisStopped {
  RedisStopped() { agora::test::Stores::get().stop_redis(); }
  ~RedisStopped() { agora::test::Stores::get().start_redis(); }
  RedisStopped(const RedisStopped&) = delete;
  RedisStopped& operator=(const RedisStopped&) = delete;
};

std::vector<std::string> problem_codes(const boost::json::value& cart) {
  std::vector<std::string> out;
  for (const auto& p : cart.at("problems").as_array()) out.emplace_back(p.at("code").as_string());
  return out;
}

}  // namespace

TEST_CASE("a guest creates a cart, adds lines and reads it back with the token only") {
  CartApp app;
  app.product("TEE-M", 1999);
  app.receive("TEE-M", 10);
  const auto cart = guest_cart(app);
  CHECK(cart.token.size() >= 32);

  const auto added = add(app, cart, "TEE-M", 2);
  REQUIRE(added.status == 200);
  CHECK(added.headers.at("etag") == "\"2\"");
  const auto read = app.call("GET", "/api/v1/carts/" + cart.id, nullptr, "", cart.headers());
  REQUIRE(read.status == 200);
  const auto line = line_of(read.json(), "TEE-M");
  CHECK(line.at("quantity").as_int64() == 2);
  CHECK(line.at("title").as_string() == "Product TEE-M");
  CHECK(line.at("unit_price").at("amount").as_int64() == 1999);
  CHECK(read.json().at("totals").at("subtotal").at("amount").as_int64() == 3998);
  CHECK(read.json().at("problems").as_array().empty());

  SECTION("another caller gets 404, never the cart") {
    CHECK(app.call("GET", "/api/v1/carts/" + cart.id).status == 404);
    CHECK(app.call("GET", "/api/v1/carts/" + cart.id, nullptr, "", {{"X-Cart-Token", std::string(64, 'a')}}).status ==
          404);
    const auto other = guest_cart(app);
    CHECK(app.call("GET", "/api/v1/carts/" + cart.id, nullptr, "", other.headers()).status == 404);
    CHECK(add(app, {cart.id, other.token}, "TEE-M", 1).status == 404);
    CHECK(app.call("GET", "/api/v1/carts/" + cart.id, nullptr, app.customer().token).status == 404);
    CHECK(app.call("GET", "/api/v1/carts/not-a-uuid", nullptr, "", cart.headers()).status == 404);
    CHECK(app.call("DELETE", "/api/v1/carts/not-a-uuid/lines/TEE-M", nullptr, "", cart.headers()).status == 404);
  }
  SECTION("bad lines are refused by field and change nothing") {
    CHECK(bad_fields(add(app, cart, "NOPE", 1)) == std::vector<std::string>{"sku"});
    CHECK(bad_fields(add(app, cart, "TEE-M", 0)) == std::vector<std::string>{"quantity"});
    CHECK(bad_fields(add(app, cart, "TEE-M", 100)) == std::vector<std::string>{"quantity"});
    CHECK(bad_fields(add(app, cart, "TEE-M", 9)) == std::vector<std::string>{"quantity"});  // 10 in stock
    const auto r =
        app.call("POST", "/api/v1/carts/" + cart.id + "/lines", {{"sku", 5}, {"qty", 1}}, "", cart.headers());
    CHECK(bad_fields(r) == std::vector<std::string>{"qty", "quantity", "sku"});
    CHECK(app.call("GET", "/api/v1/carts/" + cart.id, nullptr, "", cart.headers()).json().at("version") == 2);
  }
  SECTION("a stale If-Match is 412 and a current one passes") {
    auto headers = cart.headers();
    headers["If-Match"] = "\"1\"";
    CHECK(app.call("PATCH", "/api/v1/carts/" + cart.id + "/lines/TEE-M", {{"quantity", 3}}, "", headers).status == 412);
    for (const auto* malformed : {"abc", "\"2", "*", "\"-2\"", "1234567890123456789"}) {
      INFO(malformed);
      headers["If-Match"] = malformed;
      const auto r = app.call("PATCH", "/api/v1/carts/" + cart.id + "/lines/TEE-M", {{"quantity", 3}}, "", headers);
      CHECK(r.status == 422);
      CHECK(bad_fields(r) == std::vector<std::string>{"If-Match"});
    }
    headers["If-Match"] = "\"2\"";
    const auto r = app.call("PATCH", "/api/v1/carts/" + cart.id + "/lines/TEE-M", {{"quantity", 3}}, "", headers);
    REQUIRE(r.status == 200);
    CHECK(line_of(r.json(), "TEE-M").at("quantity") == 3);
  }
  SECTION("a line is saved for later and moved back") {
    auto r = app.call("POST", "/api/v1/carts/" + cart.id + "/saved", {{"sku", "TEE-M"}}, "", cart.headers());
    REQUIRE(r.status == 200);
    CHECK(r.json().at("lines").as_array().empty());
    CHECK(r.json().at("saved").at(0).at("quantity") == 2);
    CHECK(r.json().at("totals").at("subtotal").at("amount") == 0);
    r = app.call("POST", "/api/v1/carts/" + cart.id + "/saved/TEE-M/move-to-cart", nullptr, "", cart.headers());
    REQUIRE(r.status == 200);
    CHECK(line_of(r.json(), "TEE-M").at("quantity") == 2);
    CHECK(r.json().at("saved").as_array().empty());
  }
}

TEST_CASE("a price change in the catalog shows on the next read with both prices, and stock at zero flags the line") {
  CartApp app;
  const auto product = app.product("MUG", 1200);
  app.receive("MUG", 3);
  const auto cart = guest_cart(app);
  REQUIRE(add(app, cart, "MUG", 2).status == 200);

  app.set_price(product, 1500);
  auto r = app.call("GET", "/api/v1/carts/" + cart.id, nullptr, "", cart.headers());
  REQUIRE(r.status == 200);
  auto line = line_of(r.json(), "MUG");
  CHECK(line.at("price_changed") == true);
  CHECK(line.at("price_when_added").at("amount") == 1200);
  CHECK(line.at("unit_price").at("amount") == 1500);
  CHECK(r.json().at("totals").at("subtotal").at("amount") == 3000);
  CHECK(problem_codes(r.json()) == std::vector<std::string>{"price_changed"});

  REQUIRE(app.call("POST", "/api/v1/admin/inventory/movements",
                   {{"sku", "MUG"}, {"warehouse", "main"}, {"kind", "adjust"}, {"quantity", -3}, {"reason", "broken"}},
                   app.admin.token)
              .status == 201);
  CHECK(eventually([&] {
    r = app.call("GET", "/api/v1/carts/" + cart.id, nullptr, "", cart.headers());
    return problem_codes(r.json()) == std::vector<std::string>{"out_of_stock"};
  }));
  CHECK(r.json().at("totals").at("subtotal").at("amount") == 0);  // it cannot be bought now
  CHECK(line_of(r.json(), "MUG").at("amounts").is_null());
}

TEST_CASE("a customer's cart is theirs alone, and /mine finds it") {
  CartApp app;
  app.product("SOCK", 500);
  app.receive("SOCK", 50);
  const auto alice = app.customer();
  const auto bob = app.customer();
  auto r = app.call("POST", "/api/v1/carts", {{"currency", "USD"}}, alice.token);
  REQUIRE(r.status == 201);
  CHECK_FALSE(r.json().as_object().contains("token"));
  const auto id = id_of(r);
  CHECK(app.call("POST", "/api/v1/carts", {{"currency", "USD"}}, alice.token).status == 200);  // the same cart
  CHECK(id_of(app.call("POST", "/api/v1/carts", {{"currency", "USD"}}, alice.token)) == id);
  REQUIRE(app.call("POST", "/api/v1/carts/" + id + "/lines", {{"sku", "SOCK"}, {"quantity", 3}}, alice.token).status ==
          200);
  CHECK(id_of(app.call("GET", "/api/v1/carts/mine", nullptr, alice.token)) == id);
  CHECK(app.call("GET", "/api/v1/carts/" + id, nullptr, bob.token).status == 404);
  CHECK(app.call("POST", "/api/v1/carts/" + id + "/lines", {{"sku", "SOCK"}, {"quantity", 1}}, bob.token).status ==
        404);
  CHECK(app.call("GET", "/api/v1/carts/mine", nullptr, bob.token).status == 404);
  CHECK(app.call("GET", "/api/v1/carts/mine").status == 401);
}

TEST_CASE("a guest cart merges into the customer's cart at sign-in: larger quantity wins, twice changes nothing") {
  CartApp app;
  for (const auto* sku : {"A", "B", "C"}) {
    app.product(sku, 1000);
    app.receive(sku, 20);
  }
  const auto alice = app.customer();
  const auto mine = id_of(app.call("POST", "/api/v1/carts", {{"currency", "USD"}}, alice.token));
  REQUIRE(app.call("POST", "/api/v1/carts/" + mine + "/lines", {{"sku", "A"}, {"quantity", 5}}, alice.token).status ==
          200);
  REQUIRE(app.call("POST", "/api/v1/carts/" + mine + "/lines", {{"sku", "B"}, {"quantity", 1}}, alice.token).status ==
          200);
  const auto guest = guest_cart(app);
  REQUIRE(add(app, guest, "A", 2).status == 200);
  REQUIRE(add(app, guest, "B", 4).status == 200);
  REQUIRE(add(app, guest, "C", 1).status == 200);

  auto r = app.call("POST", "/api/v1/carts/" + guest.id + "/merge", nullptr, alice.token, guest.headers());
  REQUIRE(r.status == 200);
  CHECK(id_of(r) == mine);
  CHECK(line_of(r.json(), "A").at("quantity") == 5);
  CHECK(line_of(r.json(), "B").at("quantity") == 4);
  CHECK(line_of(r.json(), "C").at("quantity") == 1);
  const auto version = r.json().at("version");

  r = app.call("POST", "/api/v1/carts/" + guest.id + "/merge", nullptr, alice.token, guest.headers());
  REQUIRE(r.status == 200);
  CHECK(r.json().at("version") == version);
  CHECK(r.json().at("lines").as_array().size() == 3);
  const auto old = app.call("GET", "/api/v1/carts/" + guest.id, nullptr, "", guest.headers());
  CHECK(old.json().at("status") == "merged");
  CHECK(add(app, guest, "A", 1).status == 409);

  SECTION("another customer cannot merge it, nor merge without the token") {
    const auto bob = app.customer();
    CHECK(app.call("POST", "/api/v1/carts/" + guest.id + "/merge", nullptr, bob.token).status == 404);
  }
}

TEST_CASE("a customer with no cart adopts the guest cart") {
  CartApp app;
  app.product("A", 1000);
  app.receive("A", 20);
  const auto guest = guest_cart(app);
  REQUIRE(add(app, guest, "A", 2).status == 200);
  const auto alice = app.customer();
  const auto r = app.call("POST", "/api/v1/carts/" + guest.id + "/merge", nullptr, alice.token, guest.headers());
  REQUIRE(r.status == 200);
  CHECK(id_of(r) == guest.id);
  CHECK(r.json().at("customer_id").as_string() == alice.id);
  CHECK(id_of(app.call("GET", "/api/v1/carts/mine", nullptr, alice.token)) == guest.id);
  CHECK(app.call("GET", "/api/v1/carts/" + guest.id, nullptr, "", guest.headers()).status == 404);  // token no longer
}

TEST_CASE("two instances share carts through Redis: what one instance saw last is never trusted over Redis") {
  CartApp a;
  CartApp b(a, CartApp::SameStores{});
  a.product("A", 1000);
  a.receive("A", 50);
  const auto cart = guest_cart(a);
  REQUIRE(add(a, cart, "A", 1).status == 200);  // a has seen version 2
  // Version 3, through b, once b's catalog has heard of the product (a refused line changes nothing).
  REQUIRE(eventually([&] { return add(b, cart, "A", 1).status == 200; }));
  auto headers = cart.headers();
  headers["If-Match"] = "\"3\"";
  auto r = a.call("POST", "/api/v1/carts/" + cart.id + "/lines", {{"sku", "A"}, {"quantity", 1}}, "", headers);
  REQUIRE(r.status == 200);
  CHECK(line_of(r.json(), "A").at("quantity") == 3);
  CHECK(line_of(a.call("GET", "/api/v1/carts/" + cart.id, nullptr, "", cart.headers()).json(), "A").at("quantity") ==
        3);

  // b hands the guest cart to a customer: a, which saw it as a guest cart, serves the customer.
  const auto alice = a.customer();
  REQUIRE(b.call("POST", "/api/v1/carts/" + cart.id + "/merge", nullptr, alice.token, cart.headers()).status == 200);
  CHECK(a.call("POST", "/api/v1/carts/" + cart.id + "/lines", {{"sku", "A"}, {"quantity", 1}}, alice.token).status ==
        200);
  CHECK(add(a, cart, "A", 1).status == 404);  // the token no longer opens it
  CHECK(line_of(b.call("GET", "/api/v1/carts/mine", nullptr, alice.token).json(), "A").at("quantity") == 4);

  // Both instances copy changes to PostgreSQL; each change's events are published once.
  CHECK(eventually([&] { return stored_version(a, cart.id) == 6; }));
  const auto published = [&](const char* type) {  // from the log: each instance's recorder sees a share
    return a.count("SELECT count(*) FROM platform.outbox WHERE key = $1 AND type = $2", {cart.id, type});
  };
  CHECK(published("cart.line_added") == 1);
  CHECK(published("cart.line_changed") == 3);
  CHECK(published("cart.merged") == 1);
}

TEST_CASE("changes reach PostgreSQL behind Redis with their events, each published once") {
  CartApp app(Overrides{{"cart.write_behind_ms", "50"}});
  app.product("A", 1000);
  app.receive("A", 20);
  const auto cart = guest_cart(app);
  REQUIRE(add(app, cart, "A", 1).status == 200);
  REQUIRE(app.call("PATCH", "/api/v1/carts/" + cart.id + "/lines/A", {{"quantity", 4}}, "", cart.headers()).status ==
          200);
  REQUIRE(app.call("DELETE", "/api/v1/carts/" + cart.id + "/lines/A", nullptr, "", cart.headers()).status == 200);
  CHECK(eventually([&] { return stored_version(app, cart.id) == 4; }));
  CHECK(app.published_count<events::Created>(cart.id) == 1);
  CHECK(app.published_count<events::LineAdded>(cart.id) == 1);
  CHECK(app.published<events::LineChanged>(cart.id).at(0).quantity == 4);
  CHECK(app.published_count<events::LineRemoved>(cart.id) == 1);
}

TEST_CASE("with Redis stopped carts are read and written in PostgreSQL, and nothing is lost when it returns") {
  CartApp app(Overrides{{"cart.write_behind_ms", "50"}});
  app.product("A", 1000);
  app.receive("A", 20);
  const auto cart = guest_cart(app);
  REQUIRE(add(app, cart, "A", 1).status == 200);
  REQUIRE(eventually([&] { return stored_version(app, cart.id) == 2; }));

  std::optional<GuestCart> during;  // created while Redis is down
  HttpResult r;
  {
    const RedisStopped stopped;
    during = guest_cart(app);
    REQUIRE(add(app, *during, "A", 2).status == 200);
    r = app.call("PATCH", "/api/v1/carts/" + cart.id + "/lines/A", {{"quantity", 3}}, "", cart.headers());
  }
  REQUIRE(r.status == 200);
  CHECK(line_of(r.json(), "A").at("quantity") == 3);
  CHECK(app.published<events::LineChanged>(cart.id).at(0).quantity == 3);

  // Redis came back with its old copy (version 2): it must not be served.
  CHECK(eventually([&] {
    r = app.call("GET", "/api/v1/carts/" + cart.id, nullptr, "", cart.headers());
    return r.status == 200 && line_of(r.json(), "A").at("quantity") == 3;
  }));
  REQUIRE(add(app, cart, "A", 1).status == 200);
  CHECK(eventually([&] { return stored_version(app, cart.id) == 4; }));
  r = app.call("GET", "/api/v1/carts/" + during->id, nullptr, "", during->headers());
  REQUIRE(r.status == 200);
  CHECK(line_of(r.json(), "A").at("quantity") == 2);
}

TEST_CASE("a Redis that lost its data loses no cart") {
  CartApp app(Overrides{{"cart.write_behind_ms", "50"}});
  app.product("A", 1000);
  app.receive("A", 20);
  const auto cart = guest_cart(app);
  REQUIRE(add(app, cart, "A", 2).status == 200);
  REQUIRE(eventually([&] { return stored_version(app, cart.id) == 2; }));
  app.app.platform().redis.command({"FLUSHALL"});
  const auto r = app.call("GET", "/api/v1/carts/" + cart.id, nullptr, "", cart.headers());
  REQUIRE(r.status == 200);
  CHECK(line_of(r.json(), "A").at("quantity") == 2);
  CHECK(add(app, cart, "A", 1).status == 200);
}

TEST_CASE("an expired cart is removed from both stores and cart.expired is published") {
  CartApp app(Overrides{{"cart.write_behind_ms", "50"}, {"cart.expiry_interval_ms", "50"}});
  app.product("A", 1000);
  app.receive("A", 20);
  const auto cart = guest_cart(app);
  REQUIRE(add(app, cart, "A", 1).status == 200);
  REQUIRE(eventually([&] { return stored_version(app, cart.id) == 2; }));
  app.clock.advance(std::chrono::hours(25));
  CHECK(eventually([&] { return app.count("SELECT count(*) FROM cart.carts WHERE id = $1", {cart.id}) == 0; }));
  CHECK(app.published_count<events::Expired>(cart.id) == 1);
  CHECK(app.call("GET", "/api/v1/carts/" + cart.id, nullptr, "", cart.headers()).status == 404);
}

}  // namespace agora::cart::test
