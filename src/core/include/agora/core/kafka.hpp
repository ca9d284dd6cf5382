#pragma once
// Kafka: the embedded mock cluster for local runs and tests, and the mirror that produces every event.
#include <agora/core/events.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace agora {

class Metrics;

// librdkafka's mock cluster: real Kafka protocol on loopback, in this process.
class EmbeddedKafka {
 public:
  explicit EmbeddedKafka(int brokers = 1);
  ~EmbeddedKafka();
  EmbeddedKafka(const EmbeddedKafka&) = delete;
  EmbeddedKafka& operator=(const EmbeddedKafka&) = delete;
  const std::string& bootstrap() const;  // "127.0.0.1:port,..."
  void set_down();                       // every broker refuses connections
  void set_up();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct KafkaOptions {
  std::string brokers;                            // "host:port,..."
  std::chrono::milliseconds delivery_wait{2000};  // how long one dispatch waits for the broker's ack
};

// Produces every event to its topic: key = aggregate id, envelope fields as headers, idempotent
// producer, acknowledged only after the delivery report. A message never times out inside the
// producer, so a retried delivery waits for the same message instead of producing it twice.
class KafkaMirror {
 public:
  KafkaMirror(KafkaOptions options, Metrics& metrics);
  ~KafkaMirror();
  Subscription subscription();  // name "kafka-mirror", every topic, never dead-lettered
  // Asks the cluster for metadata; false when no broker answers within timeout.
  bool reachable(std::chrono::milliseconds timeout);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace agora
