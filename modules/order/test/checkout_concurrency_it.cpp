// Many buyers at once for too little stock: the stock decides who gets an order, and nobody who
// did not get one is charged.
#include "order_app.hpp"

#include <thread>

namespace agora::order::test {

TEST_CASE("100 concurrent checkouts for 10 units make exactly 10 paid orders and charge nobody else") {
  OrderApp app;
  app.product("LAST-10", 2500, 10);
  std::vector<ReadyCart> carts;
  for (int i = 0; i < 100; ++i) carts.push_back(app.cart({{"LAST-10", 1}}));

  std::vector<int> statuses(carts.size());
  std::vector<std::thread> buyers;
  for (std::size_t t = 0; t < 4; ++t)
    buyers.emplace_back([&, t] {
      agora::test::HttpClient http(app.base_url());
      for (std::size_t i = t; i < carts.size(); i += 4) {
        const boost::json::object body{{"cart_id", carts[i].id},
                                       {"email", "buyer" + std::to_string(i) + "@example.com"},
                                       {"payment", {{"gateway", "sandbox"}, {"token", "sandbox_ok"}}}};
        statuses[i] = http.request("POST", "/api/v1/checkout", boost::json::serialize(body),
                                   {{"Content-Type", "application/json"},
                                    {"Idempotency-Key", new_id()},
                                    {"X-Cart-Token", carts[i].token}})
                          .status;
      }
    });
  for (auto& b : buyers) b.join();

  // Each checkout was answered: an order (placed or cancelled for stock), or refused for stock.
  for (const auto s : statuses) {
    CAPTURE(s);
    CHECK((s == 201 || s == 202 || s == 409));
  }
  REQUIRE(app.handled());
  REQUIRE(eventually(
      [&] { return app.count("SELECT count(*) FROM \"order\".orders WHERE payment_status = 'paid'") == 10; }));
  REQUIRE(app.handled());
  CHECK(app.count("SELECT count(*) FROM \"order\".orders WHERE status = 'placed'") == 10);
  CHECK(app.count("SELECT count(*) FROM \"order\".orders WHERE status NOT IN ('placed', 'cancelled')") == 0);
  CHECK(app.count(
            "SELECT count(*) FROM \"order\".orders WHERE status = 'cancelled' AND cancel_reason <> 'out_of_stock'") ==
        0);
  // Only the ten were ever sent to the gateway.
  CHECK(app.count("SELECT count(*) FROM payment.calls WHERE kind = 'authorize'") == 10);
  CHECK(app.count("SELECT count(*) FROM payment.calls WHERE kind = 'capture' AND status = 'succeeded'") == 10);
  CHECK(app.count("SELECT coalesce(sum(captured), 0) FROM payment.payments") ==
        10 * 2500 + app.count("SELECT coalesce(sum(tax + shipping), 0) FROM \"order\".orders WHERE status = 'placed'"));
  CHECK(app.available("LAST-10") == 0);
  CHECK(app.count("SELECT coalesce(sum(on_hand), 0) FROM inventory.stock WHERE sku = 'LAST-10'") == 0);
}

}  // namespace agora::order::test
