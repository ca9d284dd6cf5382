// Reactions to order events, published as typed values as the order module does: order.created
// reserves once however often it arrives, order.placed commits (taking the units again when the
// reservation expired just before), order.cancelled releases, and a shortage answers
// inventory.reservation_failed. An order.created that does not read is dead-lettered at once; one of
// a version inventory does not read is not handled.
#include "inventory_app.hpp"

#include <agora/inventory/events.hpp>

using namespace agora;
using namespace agora::inventory;
using namespace agora::inventory::test;

namespace {

order_events::Created order(const std::string& id, const std::string& sku, int quantity) {
  return {id, {{sku, quantity}}, std::nullopt};
}

// The SKU, a warehouse W1 and units of it there.
void stock(InventoryApp& app, const std::string& sku, int units) {
  app.product({sku});
  app.warehouse("W1");
  app.receive(sku, "W1", units);
}

// "" when the order has no reservation.
std::string status_of_order(InventoryApp& app, const std::string& order_id) {
  auto conn = app.db().acquire();
  const auto found = prepared::run(*conn, "SELECT status FROM inventory.reservations WHERE order_id = $1", {order_id});
  return found.empty() ? "" : found.get<std::string>(0, "status");
}

}  // namespace

TEST_CASE("a redelivered order.created reserves once") {
  InventoryApp app;
  stock(app, "O-1", 10);
  const auto id = new_id();
  app.publish(order(id, "O-1", 3));
  app.publish(order(id, "O-1", 3));
  REQUIRE(app.handled("inventory.order_reactions"));
  REQUIRE(status_of_order(app, id) == "held");
  REQUIRE(app.stock("O-1", "W1").second == 3);
  REQUIRE(app.published_count<events::Reserved>() == 1);
  REQUIRE(app.ledger_balances());
}

TEST_CASE("order.placed commits an order's stock; a later order.cancelled puts it back on hand") {
  InventoryApp app;
  stock(app, "O-2", 10);
  const auto id = new_id();
  app.publish(order(id, "O-2", 4));
  REQUIRE(eventually([&] { return status_of_order(app, id) == "held"; }));
  app.publish(order_events::Placed{id});
  REQUIRE(eventually([&] { return status_of_order(app, id) == "committed"; }));
  app.publish(order_events::Placed{id});  // commits again: nothing changes
  REQUIRE(app.handled("inventory.order_reactions"));
  REQUIRE(app.stock("O-2", "W1") == std::pair<long long, long long>{6, 0});

  // Cancelled before it shipped: the units return to the shelf, once however often it is heard.
  app.publish(order_events::Cancelled{id});
  app.publish(order_events::Cancelled{id});
  REQUIRE(app.handled("inventory.order_reactions"));
  CHECK(status_of_order(app, id) == "released");
  CHECK(app.stock("O-2", "W1") == std::pair<long long, long long>{10, 0});
  CHECK(app.count("SELECT count(*) FROM inventory.movements WHERE kind = 'return' AND sku = 'O-2'") == 1);
  CHECK(app.published_count<events::Committed>() == 1);
  CHECK(app.published_count<events::Released>() == 1);
  CHECK(app.ledger_balances());
  CHECK(app.app.platform().events.dead_letters(10).empty());
}

TEST_CASE("order.cancelled releases an order's reservation") {
  InventoryApp app;
  stock(app, "O-3", 10);
  const auto cancelled = new_id();
  const auto kept = new_id();
  app.publish(order(cancelled, "O-3", 2));
  app.publish(order(kept, "O-3", 5));
  REQUIRE(eventually([&] { return app.stock("O-3", "W1").second == 7; }));
  app.publish(order_events::Cancelled{cancelled});
  REQUIRE(eventually([&] { return status_of_order(app, cancelled) == "released"; }));
  REQUIRE(app.stock("O-3", "W1") == std::pair<long long, long long>{10, 5});
  REQUIRE(status_of_order(app, kept) == "held");
  REQUIRE(app.published_count<events::Released>() == 1);
  REQUIRE(app.ledger_balances());
}

TEST_CASE("an order placed past its reservation's expiry, before the sweep, keeps the units still held for it") {
  InventoryApp app(Overrides{{"inventory.sweep_interval_ms", "3600000"}});
  stock(app, "O-5", 10);
  const auto id = new_id();
  app.publish(order(id, "O-5", 4));
  REQUIRE(eventually([&] { return status_of_order(app, id) == "held"; }));
  app.clock.advance(std::chrono::hours(1));  // past the expiry; no sweep has run
  app.publish(order_events::Placed{id});
  REQUIRE(eventually([&] { return status_of_order(app, id) == "committed"; }));
  CHECK(app.stock("O-5", "W1") == std::pair<long long, long long>{6, 0});
  CHECK(app.published_count<events::ReservationFailed>() == 0);
  CHECK(app.ledger_balances());
}

TEST_CASE("an order placed after the sweep gave its units back takes them again, or hears they were sold") {
  InventoryApp app;
  stock(app, "O-6", 10);
  const auto late = new_id();
  app.publish(order(late, "O-6", 4));
  REQUIRE(eventually([&] { return status_of_order(app, late) == "held"; }));
  app.clock.advance(std::chrono::hours(1));
  REQUIRE(eventually([&] { return status_of_order(app, late) == "expired"; }));
  app.publish(order_events::Placed{late});
  REQUIRE(eventually([&] { return status_of_order(app, late) == "committed"; }));
  REQUIRE(app.stock("O-6", "W1") == std::pair<long long, long long>{6, 0});
  REQUIRE(app.published_count<events::Committed>() == 1);

  // Expired, and most of its units held by another order before it is placed: nothing is taken.
  const auto too_late = new_id();
  const auto other = new_id();
  app.publish(order(too_late, "O-6", 5));
  REQUIRE(eventually([&] { return status_of_order(app, too_late) == "held"; }));
  app.clock.advance(std::chrono::hours(1));
  REQUIRE(eventually([&] { return status_of_order(app, too_late) == "expired"; }));
  app.publish(order(other, "O-6", 4));
  REQUIRE(eventually([&] { return status_of_order(app, other) == "held"; }));
  app.publish(order_events::Placed{too_late});
  REQUIRE(eventually([&] { return app.published_count<events::ReservationFailed>() == 1; }));
  const auto failed = app.published<events::ReservationFailed>().at(0);
  CHECK(failed.order_id == too_late);
  REQUIRE(failed.short_lines.size() == 1);
  CHECK(failed.short_lines[0].sku == "O-6");
  CHECK(failed.short_lines[0].requested == 5);
  CHECK(failed.short_lines[0].available == 2);
  CHECK(status_of_order(app, too_late) == "expired");
  CHECK(app.stock("O-6", "W1") == std::pair<long long, long long>{6, 4});
  CHECK(app.published_count<events::Committed>() == 1);
  CHECK(app.ledger_balances());
}

TEST_CASE("an order.created that cannot be met publishes inventory.reservation_failed with the short lines") {
  InventoryApp app;
  stock(app, "O-4", 2);
  const auto id = new_id();
  app.publish(order(id, "O-4", 3));
  REQUIRE(eventually([&] { return app.published_count<events::ReservationFailed>() == 1; }));
  const auto failed = app.published<events::ReservationFailed>().at(0);
  REQUIRE(failed.order_id == id);
  REQUIRE(failed.short_lines.size() == 1);
  REQUIRE(failed.short_lines[0].sku == "O-4");
  REQUIRE(failed.short_lines[0].requested == 3);
  REQUIRE(failed.short_lines[0].available == 2);
  REQUIRE(app.stock("O-4", "W1").second == 0);
  app.publish(order(id, "O-4", 3));
  REQUIRE(app.handled("inventory.order_reactions"));
  REQUIRE(app.published_count<events::ReservationFailed>() == 1);
}

TEST_CASE("with the region strategy an order is served from its shipping region's warehouse") {
  InventoryApp app(Overrides{{"inventory.allocation", "region"}});
  app.product({"R-1"});
  app.warehouse("EU-1", 1, "eu");
  const auto us = app.warehouse("US-1", 2, "us");
  app.receive("R-1", "EU-1", 5);
  app.receive("R-1", "US-1", 5);
  const auto id = new_id();
  auto created = order(id, "R-1", 2);
  created.shipping_region = "us";
  app.publish(created);
  REQUIRE(eventually([&] { return status_of_order(app, id) == "held"; }));
  REQUIRE(app.stock("R-1", "US-1").second == 2);
  REQUIRE(app.stock("R-1", "EU-1").second == 0);
  REQUIRE(app.count("SELECT count(*) FROM inventory.reservation_lines WHERE warehouse_id = $1", {us}) == 1);
}

TEST_CASE("an order.created whose lines break the reservation rules is dead-lettered at once with the reason") {
  InventoryApp app;
  stock(app, "O-5", 10);
  const auto id = new_id();
  app.publish_raw(
      "order.created", 1, id,
      {{"order_id", id}, {"lines", {{{"sku", "O-5"}, {"quantity", 2}}, {{"sku", "O-5"}, {"quantity", 0}}}}});
  auto& bus = app.app.platform().events;
  REQUIRE(eventually([&] { return bus.dead_letters(10).size() == 1; }));
  const auto dead = bus.dead_letters(10).at(0);
  REQUIRE(dead.subscriber == "inventory.order_reactions");
  REQUIRE(dead.attempts == 1);  // not retried: the same payload would not read either
  REQUIRE(dead.last_error.starts_with("unreadable event: order.created version 1: invalid order.created; "));
  REQUIRE(dead.last_error.find("lines[1].quantity") != std::string::npos);
  REQUIRE(app.stock("O-5", "W1").second == 0);
}

TEST_CASE("an order line may carry fields inventory does not read; its SKU and quantity follow the HTTP rules") {
  InventoryApp app;
  stock(app, "O-6", 10);
  const auto id = new_id();
  app.publish_raw("order.created", 1, id,
                  {{"order_id", id},
                   {"user_id", new_id()},
                   {"lines", {{{"sku", "O-6"}, {"quantity", 2}, {"price", {{"amount", 1999}, {"currency", "EUR"}}}}}}});
  REQUIRE(eventually([&] { return status_of_order(app, id) == "held"; }));
  const auto bad = new_id();
  app.publish_raw("order.created", 1, bad, {{"order_id", bad}, {"lines", {{{"sku", "no spaces"}, {"quantity", 1}}}}});
  auto& bus = app.app.platform().events;
  REQUIRE(eventually([&] { return bus.dead_letters(10).size() == 1; }));
  REQUIRE(bus.dead_letters(10).at(0).last_error.find("lines[0].sku") != std::string::npos);
}

TEST_CASE("an order.created of a version inventory does not read is not handled as another") {
  InventoryApp app;
  stock(app, "O-7", 10);
  const auto id = new_id();
  app.publish_raw("order.created", 2, id, {{"order_id", id}, {"lines", {{{"sku", "O-7"}, {"quantity", 2}}}}});
  app.publish(order_events::Placed{id});  // the same key, after it: handled, so the version 2 was passed by
  REQUIRE(app.handled("inventory.order_reactions"));
  REQUIRE(status_of_order(app, id).empty());
  REQUIRE(app.stock("O-7", "W1").second == 0);
  REQUIRE(app.app.platform().events.dead_letters(10).empty());
}
