// Reactions to order and payment events, published as the order module will: order.created
// reserves once however often it arrives, payment.succeeded commits, order.cancelled and
// payment.failed release, and a shortage answers inventory.reservation_failed.
#include "inventory_app.hpp"

using namespace agora;
using namespace agora::inventory;
using namespace agora::inventory::test;

namespace {

boost::json::object order(const std::string& id, const std::string& sku, int quantity) {
  return {{"order_id", id}, {"user_id", new_id()}, {"lines", {{{"sku", sku}, {"quantity", quantity}}}}};
}

std::string status_of_order(InventoryApp& app, const std::string& order_id) {
  auto conn = app.db().acquire();
  std::string status;
  *conn << "SELECT status FROM inventory.reservations WHERE order_id = :o", soci::use(order_id), soci::into(status);
  return status;
}

}  // namespace

TEST_CASE("a redelivered order.created reserves once") {
  InventoryApp app;
  app.product({"O-1"});
  app.warehouse("W1");
  app.receive("O-1", "W1", 10);
  const auto id = new_id();
  app.publish("order.events", "order.created", id, order(id, "O-1", 3));
  app.publish("order.events", "order.created", id, order(id, "O-1", 3));
  REQUIRE(eventually([&] { return app.app.platform().events.backlog("inventory.order_reactions") == 0; }));
  REQUIRE(status_of_order(app, id) == "held");
  REQUIRE(app.stock("O-1", "W1").second == 3);
  REQUIRE(app.events("inventory.reserved") == 1);
  REQUIRE(app.ledger_balances());
}

TEST_CASE("payment.succeeded commits an order's stock; a later order.cancelled changes nothing") {
  InventoryApp app;
  app.product({"O-2"});
  app.warehouse("W1");
  app.receive("O-2", "W1", 10);
  const auto id = new_id();
  app.publish("order.events", "order.created", id, order(id, "O-2", 4));
  REQUIRE(eventually([&] { return status_of_order(app, id) == "held"; }));
  app.publish("payment.events", "payment.succeeded", new_id(), {{"payment_id", new_id()}, {"order_id", id}});
  REQUIRE(eventually([&] { return status_of_order(app, id) == "committed"; }));
  app.publish("order.events", "order.confirmed", id, {{"order_id", id}});
  app.publish("order.events", "order.cancelled", id, {{"order_id", id}});
  REQUIRE(eventually([&] { return app.app.platform().events.backlog("inventory.order_reactions") == 0; }));
  REQUIRE(status_of_order(app, id) == "committed");
  REQUIRE(app.stock("O-2", "W1") == std::pair<long long, long long>{6, 0});
  REQUIRE(app.events("inventory.committed") == 1);
  REQUIRE(app.count("SELECT count(*) FROM platform.dead_letters") == 0);
}

TEST_CASE("order.cancelled and payment.failed release an order's reservation") {
  InventoryApp app;
  app.product({"O-3"});
  app.warehouse("W1");
  app.receive("O-3", "W1", 10);
  const auto cancelled = new_id();
  const auto unpaid = new_id();
  app.publish("order.events", "order.created", cancelled, order(cancelled, "O-3", 2));
  app.publish("order.events", "order.created", unpaid, order(unpaid, "O-3", 5));
  REQUIRE(eventually([&] { return app.stock("O-3", "W1").second == 7; }));
  app.publish("order.events", "order.cancelled", cancelled, {{"order_id", cancelled}});
  app.publish("payment.events", "payment.failed", new_id(), {{"payment_id", new_id()}, {"order_id", unpaid}});
  REQUIRE(eventually([&] { return status_of_order(app, cancelled) == "released" && status_of_order(app, unpaid) == "released"; }));
  REQUIRE(app.stock("O-3", "W1") == std::pair<long long, long long>{10, 0});
  REQUIRE(app.events("inventory.released") == 2);
  REQUIRE(app.ledger_balances());
}

TEST_CASE("an order.created that cannot be met publishes inventory.reservation_failed with the short lines") {
  InventoryApp app;
  app.product({"O-4"});
  app.warehouse("W1");
  app.receive("O-4", "W1", 2);
  const auto id = new_id();
  app.publish("order.events", "order.created", id, order(id, "O-4", 3));
  REQUIRE(eventually([&] { return app.events("inventory.reservation_failed") == 1; }));
  auto conn = app.db().acquire();
  std::string payload;
  *conn << "SELECT CAST(payload AS text) FROM platform.outbox WHERE type = 'inventory.reservation_failed'",
      soci::into(payload);
  const auto failed = boost::json::parse(payload);
  REQUIRE(failed.at("order_id") == boost::json::value(id));
  REQUIRE(failed.at("short_lines").at(0) == boost::json::object{{"sku", "O-4"}, {"requested", 3}, {"available", 2}});
  REQUIRE(app.stock("O-4", "W1").second == 0);
  app.publish("order.events", "order.created", id, order(id, "O-4", 3));
  REQUIRE(eventually([&] { return app.app.platform().events.backlog("inventory.order_reactions") == 0; }));
  REQUIRE(app.events("inventory.reservation_failed") == 1);
}

TEST_CASE("with the region strategy an order is served from its shipping region's warehouse") {
  InventoryApp app(Overrides{{"inventory.allocation", "region"}});
  app.product({"R-1"});
  app.warehouse("EU-1", 1, "eu");
  const auto us = app.warehouse("US-1", 2, "us");
  app.receive("R-1", "EU-1", 5);
  app.receive("R-1", "US-1", 5);
  const auto id = new_id();
  auto body = order(id, "R-1", 2);
  body["shipping_region"] = "us";
  app.publish("order.events", "order.created", id, body);
  REQUIRE(eventually([&] { return status_of_order(app, id) == "held"; }));
  REQUIRE(app.stock("R-1", "US-1").second == 2);
  REQUIRE(app.stock("R-1", "EU-1").second == 0);
  REQUIRE(app.count("SELECT count(*) FROM inventory.reservation_lines WHERE warehouse_id = '" + us + "'") == 1);
}
