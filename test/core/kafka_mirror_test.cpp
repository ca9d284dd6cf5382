// The Kafka mirror against the embedded cluster, read back by an independent librdkafka consumer.
#include "harness/eventually.hpp"
#include "harness/harness.hpp"

#include <agora/core/db.hpp>
#include <agora/core/events.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/kafka.hpp>
#include <agora/core/metrics.hpp>
#include <agora/core/trace.hpp>

#include <librdkafka/rdkafka.h>
#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <thread>

using namespace agora;
using namespace std::chrono_literals;

namespace {
using agora::test::eventually;

struct Message {
  std::string key;
  std::string value;
  std::map<std::string, std::string> headers;
};

// Reads a topic from the beginning until `expected` messages arrived and then `quiet` passed with none.
std::vector<Message> consume(const std::string& topic, std::size_t expected, std::chrono::milliseconds quiet = 1500ms) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", test::Stores::get().kafka().bootstrap().c_str(), err, sizeof err);
  rd_kafka_conf_set(conf, "group.id", ("test-" + new_id()).c_str(), err, sizeof err);
  rd_kafka_conf_set(conf, "auto.offset.reset", "earliest", err, sizeof err);
  rd_kafka_conf_set(conf, "log_level", "3", err, sizeof err);
  rd_kafka_t* consumer = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
  REQUIRE(consumer);
  rd_kafka_poll_set_consumer(consumer);
  rd_kafka_topic_partition_list_t* topics = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(topics, topic.c_str(), RD_KAFKA_PARTITION_UA);
  REQUIRE(rd_kafka_subscribe(consumer, topics) == RD_KAFKA_RESP_ERR_NO_ERROR);
  rd_kafka_topic_partition_list_destroy(topics);

  std::vector<Message> out;
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  auto last = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() < deadline) {
    if (out.size() >= expected && std::chrono::steady_clock::now() - last > quiet) break;
    rd_kafka_message_t* msg = rd_kafka_consumer_poll(consumer, 100);
    if (!msg) continue;
    if (!msg->err) {
      Message m;
      m.key.assign(static_cast<const char*>(msg->key), msg->key_len);
      m.value.assign(static_cast<const char*>(msg->payload), msg->len);
      rd_kafka_headers_t* headers = nullptr;
      if (rd_kafka_message_headers(msg, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR) {
        const char* name;
        const void* value;
        size_t size;
        for (size_t i = 0; rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i)
          m.headers[name].assign(static_cast<const char*>(value), size);
      }
      out.push_back(std::move(m));
      last = std::chrono::steady_clock::now();
    }
    rd_kafka_message_destroy(msg);
  }
  rd_kafka_consumer_close(consumer);
  rd_kafka_destroy(consumer);
  return out;
}

struct MirroredBus {
  Metrics metrics;
  Database db;
  EventBus bus;
  KafkaMirror mirror;
  explicit MirroredBus(std::chrono::milliseconds delivery_wait = 2000ms)
      : db({.url = test::Stores::get().fresh_database(), .pool_size = 8}, metrics),
        bus(db, metrics,
            {.poll_interval = 50ms,
             .retry_base = 50ms,
             .retry_max = 500ms,
             .max_attempts = 3,
             .retention = std::chrono::hours(1)}),
        mirror({.brokers = test::Stores::get().kafka().bootstrap(), .delivery_wait = delivery_wait}, metrics) {
    bus.subscribe(mirror.subscription());
    bus.start();
  }
};

}  // namespace

TEST_CASE("every committed event reaches Kafka with its key and envelope headers; rolled back ones do not") {
  MirroredBus b;
  const std::string topic = "test.events." + new_id();
  const std::string traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  Event published;
  {
    ScopedTrace trace({"r-1", traceparent});
    published = b.db.transact([&](Tx& tx) {
      return tx.publish(topic, "thing.created", 3, "thing-42", {{"name", "lamp"}, {"price", 1999}});
    });
  }
  REQUIRE_THROWS(b.db.transact([&](Tx& tx) {
    tx.publish(topic, "thing.created", 3, "thing-43", {{"name", "ghost"}});
    throw std::runtime_error("rolled back");
  }));
  REQUIRE(eventually([&] { return b.bus.backlog() == 0; }));

  const auto messages = consume(topic, 1);
  REQUIRE(messages.size() == 1);
  const auto& m = messages.front();
  REQUIRE(m.key == "thing-42");
  REQUIRE(boost::json::parse(m.value) == boost::json::parse(R"({"name":"lamp","price":1999})"));
  REQUIRE(m.headers.at("id") == published.id);
  REQUIRE(m.headers.at("type") == "thing.created");
  REQUIRE(m.headers.at("version") == "3");
  REQUIRE(m.headers.at("topic") == topic);
  REQUIRE(m.headers.at("region") == "local");
  REQUIRE(m.headers.at("trace_id") == "4bf92f3577b34da6a3ce929d0e0e4736");
  REQUIRE(m.headers.at("traceparent") == traceparent);
  // The outbox stamps an event at its append, right before the commit: a little after publish()
  // returned it, and written to the millisecond.
  const auto occurred = parse_rfc3339(m.headers.at("occurred_at"));
  REQUIRE(occurred);
  REQUIRE(*occurred >= std::chrono::floor<std::chrono::milliseconds>(published.occurred_at));
  REQUIRE(*occurred < published.occurred_at + std::chrono::seconds(5));
  REQUIRE_THAT(b.metrics.render(), Catch::Contains(R"(agora_kafka_messages_total{result="delivered"} 1)"));
}

TEST_CASE("with Kafka unreachable events wait in the outbox, then all arrive once and in key order") {
  MirroredBus b(500ms);
  const std::string topic = "test.events." + new_id();
  auto& kafka = test::Stores::get().kafka();
  kafka.set_down();
  constexpr int kEvents = 20;
  for (int i = 0; i < kEvents; ++i) {
    const std::string key = "key-" + std::to_string(i % 4);
    b.db.transact([&](Tx& tx) { tx.publish(topic, "thing.counted", 1, key, {{"seq", i / 4}}); });
  }
  std::this_thread::sleep_for(2s);
  REQUIRE(b.bus.backlog() > 0);
  REQUIRE_FALSE(b.mirror.reachable(500ms));

  kafka.set_up();
  REQUIRE(eventually([&] { return b.bus.backlog() == 0; }, 60s));
  REQUIRE(b.mirror.reachable(2000ms));

  const auto messages = consume(topic, kEvents);
  REQUIRE(messages.size() == kEvents);
  std::set<std::string> ids;
  std::map<std::string, std::int64_t> next_seq;
  for (const auto& m : messages) {
    REQUIRE(ids.insert(m.headers.at("id")).second);
    const auto seq = boost::json::parse(m.value).at("seq").as_int64();
    INFO("key " << m.key);
    REQUIRE(seq == next_seq[m.key]);
    ++next_seq[m.key];
  }
  REQUIRE(next_seq.size() == 4);
}
