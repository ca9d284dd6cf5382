// librdkafka's mock cluster: the real Kafka protocol on loopback, inside this process.
#include <agora/core/error.hpp>
#include <agora/core/kafka.hpp>
#include <agora/core/log.hpp>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

namespace agora {

struct EmbeddedKafka::Impl {
  rd_kafka_t* owner = nullptr;  // the mock cluster lives inside this client handle
  rd_kafka_mock_cluster_t* cluster = nullptr;
  std::string bootstrap;
  int brokers = 1;
};

EmbeddedKafka::EmbeddedKafka(int brokers) : impl_(std::make_unique<Impl>()) {
  impl_->brokers = brokers;
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "log_level", "3", err, sizeof err);
  // The mock brokers' sockets take this handle's settings: with Nagle on, every produce response
  // waited for a delayed ACK, ~45 ms per delivery report.
  rd_kafka_conf_set(conf, "socket.nagle.disable", "true", err, sizeof err);
  impl_->owner = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!impl_->owner) throw Error(ErrorKind::internal, std::string("embedded kafka: ") + err);
  impl_->cluster = rd_kafka_mock_cluster_new(impl_->owner, brokers);
  if (!impl_->cluster) {
    rd_kafka_destroy(impl_->owner);
    throw Error(ErrorKind::internal, "embedded kafka: the mock cluster did not start");
  }
  impl_->bootstrap = rd_kafka_mock_cluster_bootstraps(impl_->cluster);
  log::info("embedded kafka started", {{"bootstrap", impl_->bootstrap}, {"brokers", brokers}});
}

EmbeddedKafka::~EmbeddedKafka() {
  rd_kafka_mock_cluster_destroy(impl_->cluster);
  rd_kafka_destroy(impl_->owner);
}

const std::string& EmbeddedKafka::bootstrap() const { return impl_->bootstrap; }

// Broker ids of the mock cluster are 1..brokers.
void EmbeddedKafka::set_down() {
  for (int id = 1; id <= impl_->brokers; ++id) rd_kafka_mock_broker_set_down(impl_->cluster, id);
}

void EmbeddedKafka::set_up() {
  for (int id = 1; id <= impl_->brokers; ++id) rd_kafka_mock_broker_set_up(impl_->cluster, id);
}

}  // namespace agora
