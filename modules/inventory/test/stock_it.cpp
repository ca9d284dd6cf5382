// Warehouses and stock through the real server: roles, field-named validation, the ledger,
// adjustments that would undercut reservations, availability from the cache, low-stock alerts
// once per crossing, and bulk import.
#include "inventory_app.hpp"

using namespace agora;
using namespace agora::inventory;
using namespace agora::inventory::test;

namespace {

long long available(InventoryApp& app, const std::string& sku) {
  return app.call("GET", "/api/v1/inventory/availability?sku=" + sku)
      .json()
      .at("items")
      .at(0)
      .at("available")
      .as_int64();
}

}  // namespace

TEST_CASE("warehouses: only warehouse staff and admins manage them, codes are unique, used ones stay") {
  InventoryApp app;
  const auto body = boost::json::object{{"code", "BER-1"}, {"name", "Berlin"}, {"region", "eu"}, {"priority", 1}};
  REQUIRE(app.call("POST", "/api/v1/admin/inventory/warehouses", body).status == 401);
  REQUIRE(app.call("POST", "/api/v1/admin/inventory/warehouses", body, "customer " + new_id()).status == 403);
  const auto created = app.call("POST", "/api/v1/admin/inventory/warehouses", body, app.admin);
  REQUIRE(created.status == 201);
  const auto id = id_of(created);
  REQUIRE(app.call("POST", "/api/v1/admin/inventory/warehouses", body, app.keeper).status == 409);
  const auto bad =
      app.call("POST", "/api/v1/admin/inventory/warehouses", {{"code", "a b"}, {"priority", -1}}, app.keeper);
  REQUIRE(bad.status == 422);
  REQUIRE(bad_fields(bad) == std::vector<std::string>{"code", "name", "priority"});
  const auto patched = app.call("PATCH", "/api/v1/admin/inventory/warehouses/" + id, {{"active", false}}, app.keeper);
  REQUIRE(patched.json().at("active") == false);
  REQUIRE(app.call("PATCH", "/api/v1/admin/inventory/warehouses/" + id, {{"code", "X"}}, app.keeper).status == 422);
  REQUIRE(
      app.call("GET", "/api/v1/admin/inventory/warehouses", nullptr, app.keeper).json().at("items").as_array().size() ==
      1);

  app.product({"WH-1"});
  app.warehouse("W2");
  app.receive("WH-1", "W2", 1);
  const auto w2 = std::string(app.call("GET", "/api/v1/admin/inventory/warehouses", nullptr, app.keeper)
                                  .json()
                                  .at("items")
                                  .at(1)
                                  .at("id")
                                  .as_string());
  REQUIRE(app.call("DELETE", "/api/v1/admin/inventory/warehouses/" + w2, nullptr, app.keeper).status == 409);
  REQUIRE(app.call("DELETE", "/api/v1/admin/inventory/warehouses/" + id, nullptr, app.keeper).status == 204);
  REQUIRE(app.call("GET", "/api/v1/admin/inventory/warehouses/" + id, nullptr, app.keeper).status == 404);
}

TEST_CASE("every stock change is a movement with who and why, and on hand is their sum") {
  InventoryApp app;
  app.product({"L-1"});
  app.warehouse("W1");
  app.receive("L-1", "W1", 10);
  const auto adjust = app.call(
      "POST", "/api/v1/admin/inventory/movements",
      {{"sku", "L-1"}, {"warehouse", "W1"}, {"kind", "adjust"}, {"quantity", -3}, {"reason", "damaged"}}, app.keeper);
  REQUIRE(adjust.status == 201);
  REQUIRE(adjust.json().at("on_hand") == 7);
  REQUIRE(app.call("POST", "/api/v1/admin/inventory/movements",
                   {{"sku", "L-1"}, {"warehouse", "W1"}, {"kind", "return"}, {"quantity", 1}}, app.keeper)
              .status == 201);
  const auto bad = app.call("POST", "/api/v1/admin/inventory/movements",
                            {{"sku", "NOPE"}, {"warehouse", "W1"}, {"kind", "receive"}, {"quantity", 1}}, app.keeper);
  REQUIRE(bad.status == 422);
  REQUIRE(bad_fields(bad) == std::vector<std::string>{"sku"});
  REQUIRE(bad_fields(app.call("POST", "/api/v1/admin/inventory/movements",
                              {{"sku", "L-1"}, {"warehouse", "W1"}, {"kind", "adjust"}, {"quantity", 0}},
                              app.keeper)) == std::vector<std::string>{"quantity", "reason"});

  REQUIRE(app.reserve({{{"sku", "L-1"}, {"quantity", 6}}}).status == 201);
  const auto undercut = app.call(
      "POST", "/api/v1/admin/inventory/movements",
      {{"sku", "L-1"}, {"warehouse", "W1"}, {"kind", "adjust"}, {"quantity", -3}, {"reason", "count"}}, app.keeper);
  REQUIRE(undercut.status == 409);
  REQUIRE(app.stock("L-1", "W1") == std::pair<long long, long long>{8, 6});

  const auto history = app.call("GET", "/api/v1/admin/inventory/movements?sku=L-1&limit=2", nullptr, app.keeper).json();
  REQUIRE(history.at("items").as_array().size() == 2);
  REQUIRE(history.at("items").at(0).at("kind") == "reserve");
  REQUIRE(history.at("items").at(1).at("kind") == "return");
  const auto rest = app.call("GET",
                             "/api/v1/admin/inventory/movements?sku=L-1&limit=2&cursor=" +
                                 std::string(history.at("next_cursor").as_string()),
                             nullptr, app.keeper)
                        .json();
  REQUIRE(rest.at("items").at(0).at("reason") == "damaged");
  REQUIRE(rest.at("items").at(0).at("actor") == boost::json::value(app.keeper.substr(10)));
  REQUIRE(app.ledger_balances());
  const auto rows = app.call("GET", "/api/v1/admin/inventory/stock/L-1", nullptr, app.keeper).json();
  REQUIRE(rows.at("items").at(0).at("available") == 2);
}

TEST_CASE(
    "a ledger past 2^31 movements pages on by cursor; a cursor the list did not give out is a 422 naming cursor") {
  InventoryApp app;
  app.product({"L-1"});
  app.warehouse("W1");
  app.count("SELECT setval('inventory.movements_id_seq', 3000000000)");
  for (int i = 1; i <= 3; ++i) app.receive("L-1", "W1", i);
  const auto list = [&](const std::string& query) {
    return app.call("GET", "/api/v1/admin/inventory/movements?" + query, nullptr, app.keeper);
  };
  const auto first = list("warehouse=W1&limit=2");
  REQUIRE(first.status == 200);
  const std::string cursor(first.json().at("next_cursor").as_string());
  REQUIRE(std::stoll(cursor) > 2147483647LL);
  const auto rest = list("warehouse=W1&limit=2&cursor=" + cursor);
  REQUIRE(rest.status == 200);
  REQUIRE(rest.json().at("items").as_array().size() == 1);
  REQUIRE(rest.json().at("items").at(0).at("on_hand_delta") == 1);
  REQUIRE(list("sku=L-1&cursor=9223372036854775807").json().at("items").as_array().size() == 3);

  for (const auto* bad : {"abc", "-1", "0", "9223372036854775808", "", "12abc", "MTIz"}) {
    INFO(bad);
    const auto r = list(std::string("cursor=") + bad);
    REQUIRE(r.status == 422);
    REQUIRE(bad_fields(r) == std::vector<std::string>{"cursor"});
  }
  for (const auto* bad : {"abc", "0", "501", "-1", ""}) {
    INFO(bad);
    const auto r = list(std::string("limit=") + bad);
    REQUIRE(r.status == 422);
    REQUIRE(bad_fields(r) == std::vector<std::string>{"limit"});
  }
  const auto all_bad = list("sku=a%20b&limit=1000&cursor=x");
  REQUIRE(all_bad.status == 422);
  REQUIRE(bad_fields(all_bad) == std::vector<std::string>{"cursor", "limit", "sku"});
  REQUIRE(bad_fields(list("warehouse=W9")) == std::vector<std::string>{"warehouse"});
  REQUIRE(bad_fields(list("warehouse=W%00")) == std::vector<std::string>{"warehouse"});
}

TEST_CASE("a SKU or warehouse the path names that does not exist is a 404, however it is written") {
  InventoryApp app;
  app.product({"P-1"});
  app.warehouse("W1");
  const auto call = [&](const std::string& method, const std::string& path, const boost::json::value& body) {
    return app.call(method, "/api/v1/admin/inventory/" + path, body, app.keeper).status;
  };
  for (const auto* sku : {"NOPE", "a%20b", "P%001"}) {
    INFO(sku);
    REQUIRE(call("GET", std::string("stock/") + sku, nullptr) == 404);
    REQUIRE(call("PATCH", std::string("stock/") + sku + "/W1", {{"safety_stock", 1}}) == 404);
    REQUIRE(call("PUT", std::string("skus/") + sku + "/low-stock", {{"low_stock_threshold", 1}}) == 404);
  }
  REQUIRE(call("PATCH", "stock/P-1/W9", {{"safety_stock", 1}}) == 404);
  REQUIRE(call("PATCH", "stock/P-1/W%001", {{"safety_stock", 1}}) == 404);
  REQUIRE(call("GET", "warehouses/not-a-uuid", nullptr) == 404);
  REQUIRE(call("PATCH", "stock/P-1/W1", {{"safety_stock", 1}}) == 200);
}

TEST_CASE("availability sums active warehouses above safety stock and follows every change") {
  InventoryApp app;
  app.product({"V-1", "V-2"});
  app.warehouse("W1");
  app.warehouse("W2");
  app.receive("V-1", "W1", 5);
  app.receive("V-1", "W2", 7);
  const auto both = app.call("GET", "/api/v1/inventory/availability?sku=V-1,V-2&sku=UNKNOWN").json().at("items");
  REQUIRE(both.as_array().size() == 3);
  REQUIRE(both.at(0).at("available") == 12);
  REQUIRE(both.at(1).at("available") == 0);
  REQUIRE(app.call("PATCH", "/api/v1/admin/inventory/stock/V-1/W2", {{"safety_stock", 2}}, app.keeper).status == 200);
  REQUIRE(eventually([&] { return available(app, "V-1") == 10; }));
  app.receive("V-1", "W1", 1);
  REQUIRE(eventually([&] { return available(app, "V-1") == 11; }));
  REQUIRE(bad_fields(app.call("GET", "/api/v1/inventory/availability")) == std::vector<std::string>{"sku"});
  const auto bad = app.call("GET", "/api/v1/inventory/availability?sku=V-1,a%20b&sku=%00");
  REQUIRE(bad.status == 422);
  REQUIRE(bad_fields(bad) == std::vector<std::string>{"sku", "sku"});
}

TEST_CASE("another instance's availability cache follows stock changed here after one event") {
  InventoryApp a;
  InventoryApp b(agora::test::test_config_for(a.config.string("database.url"), with_defaults({})));
  a.product({"X-1"});
  a.warehouse("W1");
  a.receive("X-1", "W1", 5);
  REQUIRE(eventually([&] { return available(b, "X-1") == 5; }));  // cached on b from here on
  REQUIRE(available(b, "X-1") == 5);
  a.receive("X-1", "W1", 3);
  REQUIRE(available(a, "X-1") == 8);
  REQUIRE(eventually([&] { return available(b, "X-1") == 8; }));
  const auto held =
      a.call("POST", "/api/v1/inventory/reservations", {{"lines", {{{"sku", "X-1"}, {"quantity", 6}}}}}, a.keeper);
  REQUIRE(held.status == 201);
  REQUIRE(eventually([&] { return available(b, "X-1") == 2; }));
}

TEST_CASE("low stock is announced once per crossing and re-armed when stock is back") {
  InventoryApp app;
  app.product({"LS-1"});
  app.warehouse("W1");
  app.receive("LS-1", "W1", 20);
  REQUIRE(app.call("PUT", "/api/v1/admin/inventory/skus/LS-1/low-stock", {{"low_stock_threshold", 10}}, app.keeper)
              .status == 204);
  REQUIRE(app.call("PATCH", "/api/v1/admin/inventory/stock/LS-1/W1", {{"low_stock_threshold", 5}}, app.keeper).status ==
          200);
  const auto a = id_of(app.reserve({{{"sku", "LS-1"}, {"quantity", 11}}}));  // 9 left: below 10
  REQUIRE(app.published_count<events::LowStock>() == 1);
  REQUIRE(app.reserve({{{"sku", "LS-1"}, {"quantity", 1}}}).status == 201);  // 8: still below, no news
  REQUIRE(app.published_count<events::LowStock>() == 1);
  REQUIRE(app.call("POST", "/api/v1/inventory/reservations/" + a + "/release", nullptr, app.keeper).status == 200);
  REQUIRE(app.published_count<events::LowStock>() == 1);                      // 19: re-armed
  REQUIRE(app.reserve({{{"sku", "LS-1"}, {"quantity", 15}}}).status == 201);  // 4: below 10 and below 5
  REQUIRE(app.published_count<events::LowStock>() == 3);
  const auto lows = app.published<events::LowStock>("LS-1");
  REQUIRE(std::count_if(lows.begin(), lows.end(), [](const auto& low) { return low.warehouse_id.has_value(); }) == 1);
}

TEST_CASE("a CSV import sets on-hand counts through adjustments and reports the bad lines") {
  InventoryApp app;
  app.product({"IM-1", "IM-2"});
  app.warehouse("W1");
  app.receive("IM-1", "W1", 3);
  const auto r =
      app.http.request("POST", "/api/v1/admin/inventory/stock/import",
                       "sku,warehouse,on_hand\nIM-1,W1,10\nIM-2,W1,4\nNOPE,W1,1\nIM-2,W9,1\nIM-1,W1,x\nIM-1,W1\n",
                       {{"Content-Type", "text/csv"}, {"Authorization", "Bearer " + app.keeper}});
  REQUIRE(r.status == 200);
  const auto report = r.json();
  REQUIRE(report.at("imported") == 2);
  const auto& failed = report.at("failed").as_array();
  REQUIRE(failed.size() == 4);
  // Each bad line as it would have answered alone: the field refused, or 400 when it cannot be read.
  const std::vector<std::pair<std::int64_t, std::string>> expected{
      {4, "sku"}, {5, "warehouse"}, {6, "on_hand"}, {7, ""}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO(i);
    REQUIRE(failed.at(i).at("line") == expected[i].first);
    const auto& errors = failed.at(i).at("errors").as_array();
    if (expected[i].second.empty()) {
      REQUIRE(failed.at(i).at("status") == 400);
      REQUIRE(errors.empty());
    } else {
      REQUIRE(failed.at(i).at("status") == 422);
      REQUIRE(errors.size() == 1);
      REQUIRE(errors.at(0).at("field") == boost::json::value(expected[i].second));
    }
  }
  REQUIRE(app.stock("IM-1", "W1").first == 10);
  REQUIRE(app.stock("IM-2", "W1").first == 4);
  REQUIRE(app.ledger_balances());
}

TEST_CASE("an NDJSON import sets on-hand counts the same way and names each bad line's problem") {
  InventoryApp app;
  app.product({"NJ-1", "NJ-2"});
  app.warehouse("W1");
  app.receive("NJ-2", "W1", 9);
  const std::string body =
      "{\"sku\":\"NJ-1\",\"warehouse\":\"W1\",\"on_hand\":7}\n"
      "{\"sku\":\"NJ-2\",\"warehouse\":\"W1\",\"on_hand\":2}\n"
      "not json\n"
      "{\"sku\":\"NJ-1\",\"warehouse\":\"W1\",\"on_hand\":-3}\n"
      "{\"sku\":\"NJ-1\",\"warehouse\":\"W1\"}\n";
  const auto r =
      app.http.request("POST", "/api/v1/admin/inventory/stock/import", body,
                       {{"Content-Type", "application/x-ndjson"}, {"Authorization", "Bearer " + app.keeper}});
  REQUIRE(r.status == 200);
  const auto report = r.json();
  REQUIRE(report.at("imported") == 2);
  const auto& failed = report.at("failed").as_array();
  REQUIRE(failed.size() == 3);
  REQUIRE(failed.at(0).at("line") == 3);
  REQUIRE(failed.at(0).at("status") == 400);
  REQUIRE(failed.at(1).at("line") == 4);
  REQUIRE(failed.at(1).at("errors").at(0).at("field") == "on_hand");
  REQUIRE(failed.at(2).at("line") == 5);
  REQUIRE(failed.at(2).at("errors").at(0).at("field") == "on_hand");
  REQUIRE(app.stock("NJ-1", "W1").first == 7);
  REQUIRE(app.stock("NJ-2", "W1").first == 2);
  REQUIRE(app.ledger_balances());
  REQUIRE(app.http
              .request("POST", "/api/v1/admin/inventory/stock/import", body,
                       {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + app.keeper}})
              .status == 400);
}
