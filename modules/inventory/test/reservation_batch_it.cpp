// Requests run together in one transaction answer exactly what they would answer one at a time: a
// short or refused request holds nothing and changes nothing for the others, each SKU announces its
// change once, and the ledger sums to the stock. Also a storm of concurrent reserves and releases,
// on one hot SKU and on many, through the real server.
#include "app/reservation_batch.hpp"
#include "inventory_app.hpp"

#include <atomic>
#include <variant>

using namespace agora;
using namespace agora::inventory;
using namespace agora::inventory::test;

namespace {

struct Batcher {
  InventoryApp& app;
  AvailabilityCache cache{app.db(), 100};
  ReservationBatch batch{app.clock, Strategy::priority, 0, cache};

  std::vector<Reserved> reserve(const std::vector<ReserveRequest>& requests) {
    std::vector<const ReserveRequest*> pointers;
    for (const auto& q : requests) pointers.push_back(&q);
    return app.db().transact([&](Tx& tx) { return batch.reserve(tx, pointers); });
  }
  std::vector<Settled> settle(Status to, const std::vector<SettleRequest>& requests) {
    std::vector<const SettleRequest*> pointers;
    for (const auto& q : requests) pointers.push_back(&q);
    return app.db().transact([&](Tx& tx) { return batch.settle(tx, to, pointers); });
  }
};

ReserveRequest asking(std::vector<Line> lines) {
  return {std::move(lines), "", std::chrono::seconds(900), {std::nullopt, "keeper"}, "keeper"};
}

// What a reserve answered, as a client would see it: held lines, short lines, or the refusal.
std::string seen(const Reserved& r) {
  if (const auto* held = std::get_if<Reservation>(&r)) {
    std::string out = "held";
    for (const auto& l : held->lines) out += " " + l.sku + " " + std::to_string(l.quantity) + "@" + l.warehouse_id;
    return out;
  }
  if (const auto* shortages = std::get_if<std::vector<Shortage>>(&r)) {
    std::string out = "short";
    for (const auto& s : *shortages)
      out += " " + s.sku + " " + std::to_string(s.requested) + "/" + std::to_string(s.available);
    return out;
  }
  return std::string("refused ") + std::get<Error>(r).what();
}

std::string held_id(const Reserved& r) { return std::get<Reservation>(r).id; }

std::string with_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

}  // namespace

TEST_CASE("a short request in a batch holds nothing and the others are held as if it were not there") {
  InventoryApp app;
  app.product({"BA-1", "BA-2"});
  const auto w1 = app.warehouse("W1");
  app.receive("BA-1", "W1", 5);
  app.receive("BA-2", "W1", 1);
  Batcher b{app};
  const auto announced = app.published_count<events::StockChanged>();
  const auto answers = b.reserve({asking({{"BA-1", 2}}), asking({{"BA-1", 1}, {"BA-2", 2}}), asking({{"BA-1", 3}})});
  REQUIRE(seen(answers[0]) == "held BA-1 2@" + w1);
  REQUIRE(seen(answers[1]) == "short BA-2 2/1");
  REQUIRE(seen(answers[2]) == "held BA-1 3@" + w1);
  REQUIRE(app.stock("BA-1", "W1") == std::pair<long long, long long>{5, 5});
  REQUIRE(app.stock("BA-2", "W1") == std::pair<long long, long long>{1, 0});
  REQUIRE(app.count("SELECT count(*) FROM inventory.reservations") == 2);
  REQUIRE(app.published_count<events::Reserved>() == 2);
  REQUIRE(app.published_count<events::StockChanged>() == announced + 1);  // BA-1, once for the batch
  REQUIRE(app.ledger_balances());
}

TEST_CASE("a batch answers what the same requests answer one at a time") {
  InventoryApp app;
  app.product({"SEP-1", "SEP-2", "TOG-1", "TOG-2"});
  app.warehouse("W1", 1);
  app.warehouse("W2", 2);
  for (const std::string kind : {"SEP", "TOG"}) {
    app.receive(kind + "-1", "W1", 4);
    app.receive(kind + "-1", "W2", 3);
    app.receive(kind + "-2", "W2", 2);
  }
  const auto requests = [](const std::string& kind) {
    return std::vector<ReserveRequest>{asking({{kind + "-1", 3}}), asking({{kind + "-1", 2}, {kind + "-2", 1}}),
                                       asking({{kind + "-1", 3}}), asking({{kind + "-2", 2}}),
                                       asking({{kind + "-1", 2}})};
  };
  Batcher b{app};
  std::vector<std::string> alone;
  for (const auto& q : requests("SEP")) alone.push_back(with_all(seen(b.reserve({q}).front()), "SEP", "X"));
  std::vector<std::string> together;
  for (const auto& r : b.reserve(requests("TOG"))) together.push_back(with_all(seen(r), "TOG", "X"));
  REQUIRE(alone[2] == "short X-1 3/2");  // the sequence runs short, and the last one is split
  REQUIRE(alone[4].find("held X-1 1@") == 0);
  REQUIRE(together == alone);
  REQUIRE(app.stock("TOG-1", "W1") == app.stock("SEP-1", "W1"));
  REQUIRE(app.stock("TOG-1", "W2") == app.stock("SEP-1", "W2"));
  REQUIRE(app.stock("TOG-2", "W2") == app.stock("SEP-2", "W2"));
  REQUIRE(app.ledger_balances());
}

TEST_CASE("a batch of releases answers each reservation as its state does, whatever else is in the batch") {
  InventoryApp app;
  app.product({"BR-1"});
  app.warehouse("W1");
  app.receive("BR-1", "W1", 10);
  Batcher b{app};
  const auto made = b.reserve({asking({{"BR-1", 2}}), asking({{"BR-1", 3}}), asking({{"BR-1", 1}})});
  const auto committed = held_id(made[2]);
  REQUIRE(std::holds_alternative<Settlement>(b.settle(Status::committed, {{committed, "keeper", ""}}).front()));

  const auto first = held_id(made[0]);
  const auto second = held_id(made[1]);
  const auto unknown = new_id();
  const auto answers = b.settle(Status::released, {{first, "keeper", "released by keeper"},
                                                   {committed, "keeper", "released by keeper"},
                                                   {unknown, "keeper", "released by keeper"},
                                                   {second, "keeper", "released by keeper"},
                                                   {first, "keeper", "released by keeper"}});
  const auto settlement = [&](std::size_t i) { return std::get<Settlement>(answers[i]); };
  REQUIRE((settlement(0).reservation.status == Status::released && settlement(0).changed));
  REQUIRE(std::get<Error>(answers[1]).kind() == ErrorKind::conflict);
  REQUIRE(std::get<Error>(answers[2]).kind() == ErrorKind::not_found);
  REQUIRE((settlement(3).reservation.status == Status::released && settlement(3).changed));
  REQUIRE((settlement(4).reservation.status == Status::released && !settlement(4).changed));  // released already
  REQUIRE(app.stock("BR-1", "W1") == std::pair<long long, long long>{9, 0});
  REQUIRE(app.published_count<events::Released>() == 2);
  REQUIRE(app.count("SELECT count(*) FROM inventory.movements WHERE kind = 'release'") == 2);
  REQUIRE(app.ledger_balances());
}

TEST_CASE("a storm of concurrent reserves and releases on a hot SKU and on many never oversells and keeps the ledger") {
  InventoryApp app;
  std::vector<std::string> skus{"HOT-S"};
  for (int i = 0; i < 20; ++i) skus.push_back("COLD-" + std::to_string(i));
  app.product(skus);
  app.warehouse("W1");
  for (const auto& sku : skus) app.receive(sku, "W1", sku == "HOT-S" ? 7 : 3);

  // Every client reserves one unit at a time and releases it again, except that every fourth hot
  // reservation is kept: the hot SKU runs out while the others keep coming.
  std::atomic<int> unexpected{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 24; ++c)
    clients.emplace_back([&, c] {
      agora::test::HttpClient client(app.base_url());
      const std::map<std::string, std::string> headers{{"Content-Type", "application/json"},
                                                       {"Authorization", "Bearer " + app.keeper}};
      for (int i = 0; i < 16; ++i) {
        const bool hot = (c + i) % 2 == 1;
        const auto sku = hot ? skus[0] : skus[1 + (c * 7 + i) % 20];
        const auto body = boost::json::serialize(boost::json::object{{"lines", {{{"sku", sku}, {"quantity", 1}}}}});
        const auto r = client.request("POST", "/api/v1/inventory/reservations", body, headers);
        if (r.status == 409) continue;
        if (r.status != 201) {
          ++unexpected;
          continue;
        }
        if (hot && i % 4 == 1) continue;
        if (client.request("POST", "/api/v1/inventory/reservations/" + id_of(r) + "/release", "", headers).status !=
            200)
          ++unexpected;
      }
    });
  for (auto& t : clients) t.join();
  REQUIRE(unexpected == 0);
  const auto kept = app.count("SELECT count(*) FROM inventory.reservations WHERE status = 'held'");
  REQUIRE(kept >= 1);
  REQUIRE(kept <= 7);
  REQUIRE(app.stock("HOT-S", "W1") == std::pair<long long, long long>{7, kept});
  for (std::size_t i = 1; i < skus.size(); ++i) REQUIRE(app.stock(skus[i], "W1").second == 0);
  REQUIRE(app.count("SELECT count(*) FROM inventory.movements WHERE kind = 'reserve'") ==
          app.count("SELECT count(*) FROM inventory.movements WHERE kind = 'release'") + kept);
  REQUIRE(app.ledger_balances());
}
