// The Kafka mirror: a subscriber that produces every event and acks after the delivery report.
#include <agora/core/clock.hpp>
#include <agora/core/error.hpp>
#include <agora/core/json_text.hpp>
#include <agora/core/kafka.hpp>
#include <agora/core/log.hpp>
#include <agora/core/metrics.hpp>

#include <librdkafka/rdkafka.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace agora {
namespace {

struct InFlight {
  bool done = false;
  rd_kafka_resp_err_t error = RD_KAFKA_RESP_ERR_NO_ERROR;
};

}  // namespace

struct KafkaMirror::Impl {
  KafkaOptions options;
  rd_kafka_t* producer = nullptr;
  std::atomic<bool> running{true};
  std::thread poller;
  std::mutex mutex;
  std::condition_variable reported;
  // Messages produced and not yet acknowledged, by event id: a retried delivery waits for
  // its message instead of producing a second copy.
  std::unordered_map<std::string, std::shared_ptr<InFlight>> in_flight;
  Counter& delivered;
  Counter& failed;
  Counter& errors;
  Gauge& pending;

  Impl(KafkaOptions o, Metrics& m)
      : options(std::move(o)),
        delivered(m.counter("agora_kafka_messages_total", "Events mirrored to Kafka", {{"result", "delivered"}})),
        failed(m.counter("agora_kafka_messages_total", "Events mirrored to Kafka", {{"result", "failed"}})),
        errors(m.counter("agora_kafka_errors_total", "Kafka client errors (brokers down, timeouts, ...)")),
        pending(m.gauge("agora_kafka_in_flight", "Events produced to Kafka and not yet acknowledged")) {}

  // Runs on the poller thread for every message the broker acknowledged or the client gave up on.
  static void on_delivery(rd_kafka_t*, const rd_kafka_message_t* msg, void* opaque) {
    auto* self = static_cast<Impl*>(opaque);
    std::unique_ptr<std::shared_ptr<InFlight>> flight(static_cast<std::shared_ptr<InFlight>*>(msg->_private));
    {
      std::lock_guard lock(self->mutex);
      (*flight)->done = true;
      (*flight)->error = msg->err;
    }
    self->reported.notify_all();
  }

  static void on_error(rd_kafka_t*, int err, const char* reason, void* opaque) {
    static_cast<Impl*>(opaque)->errors.inc();
    log::warn("kafka client error",
              {{"error", rd_kafka_err2name(static_cast<rd_kafka_resp_err_t>(err))}, {"reason", reason}});
  }

  void produce(const Event& e, std::shared_ptr<InFlight> flight) {
    const std::string payload = json_text::serialize(e.payload);
    const std::string version = std::to_string(e.version);
    const std::string occurred = to_rfc3339(e.occurred_at);
    const std::string trace_id = e.trace_id();
    auto* opaque = new std::shared_ptr<InFlight>(std::move(flight));
    const auto err = rd_kafka_producev(
        producer, RD_KAFKA_V_TOPIC(e.topic.c_str()), RD_KAFKA_V_KEY(e.key.data(), e.key.size()),
        RD_KAFKA_V_VALUE(const_cast<char*>(payload.data()), payload.size()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_HEADER("id", e.id.data(), static_cast<ssize_t>(e.id.size())),
        RD_KAFKA_V_HEADER("type", e.type.data(), static_cast<ssize_t>(e.type.size())),
        RD_KAFKA_V_HEADER("version", version.data(), static_cast<ssize_t>(version.size())),
        RD_KAFKA_V_HEADER("topic", e.topic.data(), static_cast<ssize_t>(e.topic.size())),
        RD_KAFKA_V_HEADER("key", e.key.data(), static_cast<ssize_t>(e.key.size())),
        RD_KAFKA_V_HEADER("occurred_at", occurred.data(), static_cast<ssize_t>(occurred.size())),
        RD_KAFKA_V_HEADER("region", e.region.data(), static_cast<ssize_t>(e.region.size())),
        RD_KAFKA_V_HEADER("trace_id", trace_id.data(), static_cast<ssize_t>(trace_id.size())),
        RD_KAFKA_V_HEADER("traceparent", e.traceparent.data(), static_cast<ssize_t>(e.traceparent.size())),
        RD_KAFKA_V_OPAQUE(opaque), RD_KAFKA_V_END);
    if (err) {
      delete opaque;
      throw Error(ErrorKind::unavailable, std::string("kafka produce failed: ") + rd_kafka_err2str(err));
    }
  }

  // Produces the event unless it is in flight already; the caller holds the mutex.
  std::shared_ptr<InFlight> start(const Event& e) {
    auto& flight = in_flight[e.id];
    if (!flight) {
      flight = std::make_shared<InFlight>();
      try {
        produce(e, flight);
      } catch (...) {
        in_flight.erase(e.id);
        throw;
      }
      pending.set(static_cast<double>(in_flight.size()));
    }
    return flight;
  }

  // A batch's messages go out together; each handler then waits for its own report.
  void start_all(const std::vector<Event>& events) {
    std::lock_guard lock(mutex);
    for (const auto& e : events) {
      try {
        start(e);
      } catch (const std::exception&) {
        // its handler produces it again and reports the failure
      }
    }
  }

  void mirror(const Event& e) {
    std::unique_lock lock(mutex);
    auto mine = start(e);
    if (!reported.wait_for(lock, options.delivery_wait, [&] { return mine->done; }))
      throw Error(ErrorKind::unavailable, "kafka delivery pending");
    in_flight.erase(e.id);
    pending.set(static_cast<double>(in_flight.size()));
    if (mine->error) {
      failed.inc();
      throw Error(ErrorKind::unavailable, std::string("kafka delivery failed: ") + rd_kafka_err2str(mine->error));
    }
    delivered.inc();
  }
};

KafkaMirror::KafkaMirror(KafkaOptions options, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), metrics)) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  const std::pair<const char*, std::string> settings[] = {
      {"bootstrap.servers", impl_->options.brokers},
      {"enable.idempotence", "true"},  // implies acks=all and ordered, duplicate-free retries
      {"message.timeout.ms", "0"},     // never give up inside the client: the outbox holds the event
      {"linger.ms", "2"},
      {"socket.nagle.disable", "true"},  // Nagle with delayed ACKs held every produce request ~40 ms
      {"log_level", "4"},
  };
  for (const auto& [key, value] : settings)
    if (rd_kafka_conf_set(conf, key, value.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      throw Error(ErrorKind::internal, std::string("kafka config ") + key + ": " + err);
    }
  rd_kafka_conf_set_opaque(conf, impl_.get());
  rd_kafka_conf_set_dr_msg_cb(conf, &Impl::on_delivery);
  rd_kafka_conf_set_error_cb(conf, &Impl::on_error);
  impl_->producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!impl_->producer) throw Error(ErrorKind::internal, std::string("kafka producer: ") + err);
  impl_->poller = std::thread([i = impl_.get()] {
    while (i->running) rd_kafka_poll(i->producer, 100);
  });
}

KafkaMirror::~KafkaMirror() {
  rd_kafka_flush(impl_->producer, 5000);
  impl_->running = false;
  impl_->poller.join();
  rd_kafka_destroy(impl_->producer);
}

Subscription KafkaMirror::subscription() {
  return {.name = "kafka-mirror",
          .topics = {"*"},
          .types = {},
          .handler = [i = impl_.get()](Tx&, const Event& e) { i->mirror(e); },
          .max_attempts = -1,
          .workers = 1,
          .batch = 256,
          .on_batch = [i = impl_.get()](const std::vector<Event>& events) { i->start_all(events); },
          .coalesce = std::chrono::milliseconds(25)};
}

bool KafkaMirror::reachable(std::chrono::milliseconds timeout) {
  const struct rd_kafka_metadata* md = nullptr;
  const auto err = rd_kafka_metadata(impl_->producer, 0, nullptr, &md, static_cast<int>(timeout.count()));
  const bool ok = err == RD_KAFKA_RESP_ERR_NO_ERROR && md && md->broker_cnt > 0;
  if (md) rd_kafka_metadata_destroy(md);
  return ok;
}

}  // namespace agora
