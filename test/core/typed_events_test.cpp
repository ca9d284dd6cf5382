// Events as typed values: published from a struct, handed to a handler as the struct of their type
// and version, dead-lettered at once when the payload does not read, passed by when no handler
// reads their version.
#include "harness/eventually.hpp"
#include "harness/harness.hpp"

#include <agora/core/db.hpp>
#include <agora/core/event_json.hpp>
#include <agora/core/events.hpp>
#include <agora/core/json_text.hpp>
#include <agora/core/metrics.hpp>
#include <boost/json.hpp>

#include <catch2/catch.hpp>

#include <limits>
#include <mutex>

using namespace agora;
using namespace std::chrono_literals;

namespace things {

using agora::event_json::tag_invoke;

inline constexpr std::string_view kTopic = "things.events";

struct Part {
  std::string sku;
  std::int64_t quantity = 0;
};
BOOST_DESCRIBE_STRUCT(Part, (), (sku, quantity))

struct Created {
  static constexpr EventName kName{kTopic, "thing.created", 1};
  std::string thing_id;
  std::string name;
  std::optional<std::int64_t> price;
  Timestamp made_at;
  std::vector<Part> parts;
  std::string key() const { return thing_id; }
};
BOOST_DESCRIBE_STRUCT(Created, (), (thing_id, name, price, made_at, parts))

// The same type name with another meaning: a new version.
struct CreatedV2 {
  static constexpr EventName kName{kTopic, "thing.created", 2};
  std::string thing_id;
  std::string title;
  std::string key() const { return thing_id; }
};
BOOST_DESCRIBE_STRUCT(CreatedV2, (), (thing_id, title))

struct Deleted {
  static constexpr EventName kName{kTopic, "thing.deleted", 1};
  std::string thing_id;
  std::string key() const { return thing_id; }
};
BOOST_DESCRIBE_STRUCT(Deleted, (), (thing_id))

struct Rated {
  static constexpr EventName kName{kTopic, "thing.rated", 1};
  std::string thing_id;
  double average = 0;
  std::string key() const { return thing_id; }
};
BOOST_DESCRIBE_STRUCT(Rated, (), (thing_id, average))

}  // namespace things

namespace {
using agora::test::eventually;

struct Bus {
  Metrics metrics;
  Database db;
  EventBus bus;
  explicit Bus(const std::string& url)
      : db({.url = url, .pool_size = 8}, metrics),
        bus(db, metrics, {.poll_interval = 50ms, .retry_base = 20ms, .retry_max = 200ms, .max_attempts = 5}) {}
};

// What the handlers were handed, in order: "v1 lamp", "v2 Lamp", "deleted t-1".
struct Seen {
  std::mutex mutex;
  std::vector<std::string> items;
  void add(std::string item) {
    std::lock_guard lock(mutex);
    items.push_back(std::move(item));
  }
  std::vector<std::string> all() {
    std::lock_guard lock(mutex);
    return items;
  }
};

const Timestamp kMadeAt = *parse_rfc3339("2026-11-24T12:00:00Z");

}  // namespace

TEST_CASE("a typed event goes out with its struct's topic, type, version and key, and comes back as the same value") {
  Bus b(test::Stores::get().fresh_database());
  std::mutex mutex;
  std::vector<things::Created> handed;
  b.bus.subscribe<things::Created>("recorder", [&](Tx&, const things::Created& c) {
    std::lock_guard lock(mutex);
    handed.push_back(c);
  });
  b.bus.start();
  const things::Created lamp{"t-1", "lamp", 1999, kMadeAt, {{"BULB", 2}}};
  const auto published = b.db.transact([&](Tx& tx) { return tx.publish(lamp); });
  REQUIRE(published.topic == "things.events");
  REQUIRE(published.type == "thing.created");
  REQUIRE(published.version == 1);
  REQUIRE(published.key == "t-1");
  REQUIRE(published.payload == boost::json::parse(R"({"thing_id": "t-1", "name": "lamp", "price": 1999,
      "made_at": "2026-11-24T12:00:00.000Z", "parts": [{"sku": "BULB", "quantity": 2}]})"));

  REQUIRE(eventually([&] {
    std::lock_guard lock(mutex);
    return handed.size() == 1;
  }));
  REQUIRE(boost::json::value_from(handed[0]) == published.payload);
  REQUIRE(handed[0].made_at == kMadeAt);
  REQUIRE(handed[0].parts.at(0).quantity == 2);
}

TEST_CASE("to_text writes the JSON value_from makes, whatever the strings hold") {
  const std::string odd = "quote \" back\\slash \n\t\x01 caf\xC3\xA9 and a long run of plain text after it";
  const things::Created full{odd, "", -42, kMadeAt, {{odd, 0}, {"B", 9'007'199'254'740'993}}};
  const things::Created bare{"t-2", "x", std::nullopt, kMadeAt, {}};
  for (const auto& c : {full, bare}) {
    const auto text = event_json::to_text(c);
    REQUIRE(boost::json::parse(text) == boost::json::value_from(c));
    REQUIRE(boost::json::value_to<things::Created>(boost::json::parse(text)).thing_id == c.thing_id);
  }
  REQUIRE(event_json::to_text(bare) ==
          R"({"thing_id":"t-2","name":"x","price":null,"made_at":"2026-11-24T12:00:00.000Z","parts":[]})");
}

TEST_CASE("a payload's decimals are written as people read them, as text or through a value, and NaN as null") {
  for (const auto& [average, text] : {std::pair{4.25, "4.25"}, std::pair{0.1, "0.1"}, std::pair{4.0, "4.0"},
                                      std::pair{std::numeric_limits<double>::quiet_NaN(), "null"}}) {
    const auto expected = std::string(R"({"thing_id":"t-1","average":)") + text + "}";
    REQUIRE(event_json::to_text(things::Rated{"t-1", average}) == expected);
    REQUIRE(json_text::serialize(boost::json::value_from(things::Rated{"t-1", average})) == expected);
  }
}

TEST_CASE("a JSON text writer separates members and elements, and escapes text and keys from data") {
  std::string out;
  json_text::Writer w(out);
  w.open_object().key("a").open_array().number(1).number(-2).open_object().close_object().open_array().close_array();
  w.close_array().key_of("odd \"key\"").text("x\ny").key("n").null().key("t").boolean(true).close_object();
  REQUIRE(out == R"({"a":[1,-2,{},[]],"odd \"key\"":"x\ny","n":null,"t":true})");
  REQUIRE(boost::json::parse(out).at("odd \"key\"") == "x\ny");
}

TEST_CASE("a payload reads without the optional fields and with fields its reader does not know") {
  const auto read = boost::json::value_to<things::Created>(boost::json::parse(
      R"({"thing_id": "t-1", "name": "lamp", "made_at": "2026-11-24T12:00:00Z", "parts": [], "colour": "red"})"));
  REQUIRE_FALSE(read.price);
  REQUIRE(boost::json::value_from(read).at("price").is_null());
  REQUIRE(boost::json::value_to<things::Created>(boost::json::value_from(read)).name == "lamp");
}

TEST_CASE("a payload that does not read is dead-lettered at once with its reason; the key's later events go on") {
  Bus b(test::Stores::get().fresh_database());
  Seen seen;
  b.bus.subscribe<things::Created>("recorder", [&](Tx&, const things::Created& c) { seen.add(c.name); });
  b.bus.start();
  b.db.transact([&](Tx& tx) {
    tx.publish("things.events", "thing.created", 1, "t-1",
               {{"thing_id", "t-1"},
                {"name", "lamp"},
                {"made_at", "2026-11-24T12:00:00Z"},
                {"parts", {{{"sku", "BULB"}, {"quantity", "two"}}}}});
    tx.publish("things.events", "thing.created", 1, "t-1", {{"thing_id", "t-1"}, {"name", "vase"}});
    tx.publish(things::Created{"t-1", "desk", std::nullopt, kMadeAt, {}});
  });
  REQUIRE(eventually([&] { return b.bus.dead_letters(10).size() == 2; }));
  REQUIRE(eventually([&] { return seen.all() == std::vector<std::string>{"desk"}; }));
  const auto dead = b.bus.dead_letters(10);
  REQUIRE(dead[0].attempts == 1);  // not retried: the same payload cannot read better next time
  REQUIRE(dead[0].last_error == "unreadable event: thing.created version 1: parts: quantity: not a number");
  REQUIRE(dead[1].attempts == 1);
  REQUIRE(dead[1].last_error == "unreadable event: thing.created version 1: made_at: is missing");
}

TEST_CASE("a subscriber is handed only the versions it names, each as its own struct") {
  Bus b(test::Stores::get().fresh_database());
  Seen old_reader, both;
  b.bus.subscribe<things::Created>("reads v1", [&](Tx&, const things::Created& c) { old_reader.add("v1 " + c.name); });
  b.bus.subscribe(EventHandlers()
                      .on<things::Created>([&](Tx&, const things::Created& c) { both.add("v1 " + c.name); })
                      .on<things::CreatedV2>([&](Tx&, const things::CreatedV2& c) { both.add("v2 " + c.title); })
                      .on<things::Deleted>([&](Tx&, const things::Deleted& d, const Event& e) {
                        both.add("deleted " + d.thing_id + " " + e.key);
                      })
                      .subscription("reads v1 and v2"));
  b.bus.start();
  b.db.transact([&](Tx& tx) {
    tx.publish(things::CreatedV2{"t-1", "Lamp"});
    tx.publish(things::Created{"t-2", "vase", std::nullopt, kMadeAt, {}});
    tx.publish("things.events", "thing.created", 3, "t-3", {{"thing_id", "t-3"}});  // nobody reads version 3
    tx.publish(things::Deleted{"t-1"});
  });
  REQUIRE(eventually([&] { return b.bus.backlog() == 0; }));
  REQUIRE(old_reader.all() == std::vector<std::string>{"v1 vase"});
  REQUIRE(both.all() == std::vector<std::string>{"v2 Lamp", "v1 vase", "deleted t-1 t-1"});
  REQUIRE(b.bus.dead_letters(10).empty());
}
