// Reservations through the real server: no oversell under concurrency (one SKU, and multi-line
// across two warehouses), all-or-nothing with the short lines named, expiry on a manual clock,
// extension, commit and release, and Idempotency-Key.
#include "inventory_app.hpp"

#include <atomic>
#include <vector>

using namespace agora;
using namespace agora::inventory;
using namespace agora::inventory::test;

namespace {

boost::json::array lines(std::initializer_list<std::pair<const char*, int>> items) {
  boost::json::array a;
  for (const auto& [sku, quantity] : items) a.push_back({{"sku", sku}, {"quantity", quantity}});
  return a;
}

// Sends every body from `clients` connections at once; returns the statuses.
std::vector<long> concurrently(InventoryApp& app, const std::vector<boost::json::array>& bodies, std::size_t clients) {
  std::vector<long> statuses(bodies.size(), 0);
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> threads;
  for (std::size_t c = 0; c < clients; ++c)
    threads.emplace_back([&] {
      agora::test::HttpClient client(app.base_url());
      for (auto i = next++; i < bodies.size(); i = next++) {
        try {
          statuses[i] = client
                            .request("POST", "/api/v1/inventory/reservations",
                                     boost::json::serialize(boost::json::object{{"lines", bodies[i]}}),
                                     {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + app.keeper}})
                            .status;
        } catch (const std::exception&) {
          statuses[i] = -1;
        }
      }
    });
  for (auto& t : threads) t.join();
  return statuses;
}

long long count_of(const std::vector<long>& statuses, long status) {
  return std::count(statuses.begin(), statuses.end(), status);
}

}  // namespace

TEST_CASE("200 concurrent reservations of 50 units: exactly 50 succeed and the ledger sums to the stock") {
  InventoryApp app;
  app.product({"HOT-1"});
  app.warehouse("W1");
  app.receive("HOT-1", "W1", 50);
  const auto statuses = concurrently(app, std::vector<boost::json::array>(200, lines({{"HOT-1", 1}})), 24);
  REQUIRE(count_of(statuses, 201) == 50);
  REQUIRE(count_of(statuses, 409) == 150);
  REQUIRE(app.stock("HOT-1", "W1") == std::pair<long long, long long>{50, 50});
  REQUIRE(app.count("SELECT count(*) FROM inventory.reservations WHERE status = 'held'") == 50);
  REQUIRE(app.ledger_balances());
  const auto a = app.call("GET", "/api/v1/inventory/availability?sku=HOT-1").json().at("items").at(0);
  REQUIRE(a.at("available") == 0);
  REQUIRE(a.at("in_stock") == false);
}

TEST_CASE("concurrent multi-line reservations across two warehouses neither deadlock nor break all-or-nothing") {
  InventoryApp app;
  app.product({"A-1", "B-1"});
  app.warehouse("W1", 1);
  app.warehouse("W2", 2);
  app.receive("A-1", "W1", 30);
  app.receive("A-1", "W2", 20);
  app.receive("B-1", "W1", 10);
  app.receive("B-1", "W2", 15);
  std::vector<boost::json::array> bodies;
  for (int i = 0; i < 200; ++i)
    bodies.push_back(i % 2 ? lines({{"A-1", 2}, {"B-1", 1}}) : lines({{"B-1", 1}, {"A-1", 2}}));
  const auto statuses = concurrently(app, bodies, 24);
  REQUIRE(count_of(statuses, 201) == 25);  // B-1 has 25 in all
  REQUIRE(count_of(statuses, 409) == 175);
  const auto [a1, ra1] = app.stock("A-1", "W1");
  const auto [a2, ra2] = app.stock("A-1", "W2");
  const auto [b1, rb1] = app.stock("B-1", "W1");
  const auto [b2, rb2] = app.stock("B-1", "W2");
  REQUIRE(a1 + a2 == 50);
  REQUIRE(ra1 + ra2 == 50);
  REQUIRE(rb1 + rb2 == 25);
  REQUIRE((ra1 <= a1 && ra2 <= a2 && rb1 <= b1 && rb2 <= b2));
  REQUIRE(app.count("SELECT count(*) FROM inventory.reservation_lines") >= 50);
  REQUIRE(app.ledger_balances());
}

TEST_CASE("a reservation that cannot be met answers 409 naming the short lines and holds nothing") {
  InventoryApp app;
  app.product({"S-1", "S-2"});
  app.warehouse("W1");
  app.receive("S-1", "W1", 5);
  app.receive("S-2", "W1", 1);
  const auto r = app.reserve(lines({{"S-1", 3}, {"S-2", 2}}));
  REQUIRE(r.status == 409);
  REQUIRE(bad_fields(r) == std::vector<std::string>{"lines[1].quantity"});
  REQUIRE(app.stock("S-1", "W1").second == 0);
  REQUIRE(app.count("SELECT count(*) FROM inventory.reservations") == 0);

  const auto unknown = app.reserve(lines({{"S-1", 1}, {"NOPE-1", 1}}));
  REQUIRE(unknown.status == 422);
  REQUIRE(bad_fields(unknown) == std::vector<std::string>{"lines[1].sku"});
  const auto bad =
      app.call("POST", "/api/v1/inventory/reservations",
               {{"lines", {{{"sku", "S-1"}, {"quantity", 0}}, {{"sku", "bad sku"}, {"quantity", 1}}}}}, app.keeper);
  REQUIRE(bad.status == 422);
  REQUIRE(bad_fields(bad) == std::vector<std::string>{"lines[0].quantity", "lines[1].sku"});
  REQUIRE(app.call("POST", "/api/v1/inventory/reservations", {{"lines", lines({{"S-1", 1}})}}, "customer " + new_id())
              .status == 403);
  REQUIRE(app.call("POST", "/api/v1/inventory/reservations", {{"lines", lines({{"S-1", 1}})}}).status == 401);
}

TEST_CASE("a SKU whose product is not for sale can be stocked but not reserved") {
  InventoryApp app;
  app.product({"D-1"}, "draft");
  app.warehouse("W1");
  app.receive("D-1", "W1", 5);
  const auto r = app.reserve(lines({{"D-1", 1}}));
  REQUIRE(r.status == 422);
  REQUIRE(bad_fields(r) == std::vector<std::string>{"lines[0].sku"});
  REQUIRE_THAT(r.body, Catch::Contains("not for sale"));
  REQUIRE(app.stock("D-1", "W1") == std::pair<long long, long long>{5, 0});
}

TEST_CASE("an expired reservation returns its stock, and an extension postpones the expiry") {
  InventoryApp app;
  app.product({"E-1"});
  app.warehouse("W1");
  app.receive("E-1", "W1", 10);
  const auto first = id_of(app.reserve(lines({{"E-1", 4}})));
  const auto second = id_of(app.reserve(lines({{"E-1", 3}})));
  REQUIRE(app.stock("E-1", "W1").second == 7);

  app.clock.advance(std::chrono::minutes(10));
  const auto extended = app.call("POST", "/api/v1/inventory/reservations/" + second + "/extend", nullptr, app.keeper);
  REQUIRE(extended.status == 200);
  REQUIRE(parse_rfc3339(extended.json().at("expires_at").as_string()) >= app.clock.now() + std::chrono::minutes(14));
  app.clock.advance(std::chrono::minutes(6));  // 16 minutes: the first is past due, the second is not

  const auto status = [&](const std::string& id) {
    return std::string(
        app.call("GET", "/api/v1/inventory/reservations/" + id, nullptr, app.keeper).json().at("status").as_string());
  };
  REQUIRE(eventually([&] { return status(first) == "expired"; }));
  REQUIRE(app.stock("E-1", "W1").second == 3);
  REQUIRE(app.published_count<events::Expired>() == 1);
  REQUIRE(status(second) == "held");
  REQUIRE(app.call("POST", "/api/v1/inventory/reservations/" + first + "/extend", nullptr, app.keeper).status == 409);
  REQUIRE(app.call("POST", "/api/v1/inventory/reservations/" + first + "/commit", nullptr, app.keeper).status == 409);

  app.clock.advance(std::chrono::minutes(15));
  REQUIRE(eventually([&] { return status(second) == "expired"; }));
  REQUIRE(app.stock("E-1", "W1") == std::pair<long long, long long>{10, 0});
  REQUIRE(app.ledger_balances());
  REQUIRE(eventually([&] {
    return app.call("GET", "/api/v1/inventory/availability?sku=E-1").json().at("items").at(0).at("available") == 10;
  }));
}

TEST_CASE("commit takes stock off hand once; a release after a commit is refused") {
  InventoryApp app;
  app.product({"C-1"});
  app.warehouse("W1");
  app.receive("C-1", "W1", 10);
  const auto id = id_of(app.reserve(lines({{"C-1", 4}})));
  const auto path = "/api/v1/inventory/reservations/" + id;
  REQUIRE(app.call("POST", path + "/commit", nullptr, app.keeper).json().at("status") == "committed");
  REQUIRE(app.call("POST", path + "/commit", nullptr, app.keeper).status == 200);
  REQUIRE(app.stock("C-1", "W1") == std::pair<long long, long long>{6, 0});
  REQUIRE(app.call("POST", path + "/release", nullptr, app.keeper).status == 409);
  REQUIRE(app.stock("C-1", "W1") == std::pair<long long, long long>{6, 0});

  const auto other = id_of(app.reserve(lines({{"C-1", 2}})));
  REQUIRE(app.call("POST", "/api/v1/inventory/reservations/" + other + "/release", nullptr, app.keeper)
              .json()
              .at("status") == "released");
  REQUIRE(app.call("POST", "/api/v1/inventory/reservations/" + other + "/release", nullptr, app.keeper).status == 200);
  REQUIRE(app.call("POST", "/api/v1/inventory/reservations/" + other + "/commit", nullptr, app.keeper).status == 409);
  REQUIRE(app.stock("C-1", "W1") == std::pair<long long, long long>{6, 0});
  REQUIRE(app.published_count<events::Committed>() == 1);
  REQUIRE(app.published_count<events::Released>() == 1);
  REQUIRE(app.ledger_balances());
  REQUIRE(app.call("GET", "/api/v1/inventory/reservations/" + new_id(), nullptr, app.keeper).status == 404);
}

TEST_CASE("the same Idempotency-Key and body answer the first reservation; another body is refused") {
  InventoryApp app;
  app.product({"I-1"});
  app.warehouse("W1");
  app.receive("I-1", "W1", 10);
  const auto first = app.reserve(lines({{"I-1", 2}}), {{"Idempotency-Key", "k-1"}});
  REQUIRE(first.status == 201);
  const auto again = app.reserve(lines({{"I-1", 2}}), {{"Idempotency-Key", "k-1"}});
  REQUIRE(again.status == 201);
  REQUIRE(again.headers.at("idempotent-replayed") == "true");
  REQUIRE(id_of(again) == id_of(first));
  REQUIRE(app.reserve(lines({{"I-1", 3}}), {{"Idempotency-Key", "k-1"}}).status == 422);
  REQUIRE(app.stock("I-1", "W1").second == 2);
  REQUIRE(app.reserve(lines({{"I-1", 2}}), {{"Idempotency-Key", "k-2"}}).status == 201);
  REQUIRE(app.stock("I-1", "W1").second == 4);
}

TEST_CASE(
    "a staff member holds at most inventory.max_held_per_caller units at once; others and orders are not held back") {
  InventoryApp app(Overrides{{"inventory.max_held_per_caller", "5"}});
  app.product({"CAP-1", "CAP-2"});
  app.warehouse("W1");
  app.receive("CAP-1", "W1", 100);
  app.receive("CAP-2", "W1", 100);

  const auto first = app.reserve(lines({{"CAP-1", 2}, {"CAP-2", 1}}));
  REQUIRE(first.status == 201);
  const auto over = app.reserve(lines({{"CAP-1", 2}, {"CAP-2", 1}}));
  REQUIRE(over.status == 409);
  REQUIRE(bad_fields(over) == std::vector<std::string>{"lines"});
  REQUIRE(std::string(over.json().at("detail").as_string()).find("at most 5 units") != std::string::npos);
  REQUIRE(app.stock("CAP-1", "W1").second == 2);              // the refused one holds nothing
  REQUIRE(app.reserve(lines({{"CAP-2", 2}})).status == 201);  // exactly at the cap

  const auto colleague = "warehouse " + new_id();
  REQUIRE(app.call("POST", "/api/v1/inventory/reservations", {{"lines", lines({{"CAP-1", 5}})}}, colleague).status ==
          201);
  const auto order_id = new_id();
  app.publish(order_events::Created{order_id, {{"CAP-1", 50}}, std::nullopt});
  REQUIRE(eventually([&] { return app.published_count<events::Reserved>() == 4; }));

  // Staff-wide by design: a colleague may release it, and what it held no longer counts.
  REQUIRE(app.call("POST", "/api/v1/inventory/reservations/" + id_of(first) + "/release", nullptr, colleague).status ==
          200);
  REQUIRE(app.reserve(lines({{"CAP-1", 3}})).status == 201);
}
