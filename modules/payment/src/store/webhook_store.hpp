#pragma once
// SQL on payment.webhook_events.
#include <agora/core/clock.hpp>
#include <boost/describe/class.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace agora::payment {

// An event a gateway sent, as stored.
struct WebhookEvent {
  std::string gateway;
  std::string id;
  std::string type;
  std::string payload;
  Timestamp received_at;
  int attempts = 0;
};
BOOST_DESCRIBE_STRUCT(WebhookEvent, (), (gateway, id, type, payload, received_at, attempts))

}  // namespace agora::payment

namespace agora::payment::webhook_store {

// Stored to be processed now; false when the gateway sent that event before (a repeated delivery).
bool insert(soci::session& sql, const WebhookEvent& e);
// Held under a row lock until the transaction ends, when it is still to process and due by `now`;
// nullopt when it is not, or another transaction holds it.
std::optional<WebhookEvent> claim(soci::session& sql, const std::string& gateway, const std::string& id, Timestamp now);
void processed(soci::session& sql, const WebhookEvent& e, Timestamp now, const std::string& outcome);
// Tried once more without effect: tried again at `after`.
void put_off(soci::session& sql, const WebhookEvent& e, Timestamp after, const std::string& outcome);
// The ids of events of `gateway` still to process and due by `now`, oldest first.
std::vector<std::string> due(soci::session& sql, const std::string& gateway, Timestamp now, std::size_t limit);

}  // namespace agora::payment::webhook_store
