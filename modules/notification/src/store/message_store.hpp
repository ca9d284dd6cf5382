#pragma once
// SOCI statements for notification.messages, rows read as Message.
#include "domain/message.hpp"
#include "domain/message_filter.hpp"

#include <boost/describe/class.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace agora::notification {
BOOST_DESCRIBE_STRUCT(Message, (),
                      (id, event_id, event_type, dedupe_key, channel, recipient, user_id, template_name, category,
                       locale, data, subject, status, attempts, provider_id, last_error, next_attempt_at, lease_until,
                       created_at, sent_at, delivered_at))
}  // namespace agora::notification

namespace agora::notification::message_store {

// Inserts the message unless one of its dedupe key, channel and recipient is there; true when
// inserted. A message born sent or failed (in-app) is inserted with its outcome.
bool insert(soci::session& sql, const Message& m);
std::optional<Message> load(soci::session& sql, const std::string& id);
// Takes the message for a sender until `until`, counting the attempt: nullopt when it is not due
// (sent, failed, queued for later) or another sender's lease holds it.
std::optional<Message> claim(soci::session& sql, const std::string& id, Timestamp now, Timestamp until);
// The message, locked for the transaction that records an attempt.
std::optional<Message> lock(soci::session& sql, const std::string& id);
void update(soci::session& sql, const Message& m);
// The message a provider knows by `provider_id` on `channel`, locked for the transaction that records
// its report.
std::optional<Message> lock_by_provider_id(soci::session& sql, const std::string& channel,
                                           const std::string& provider_id);
// Records what a provider reported after sending: status, delivered_at and last_error.
void record_report(soci::session& sql, const Message& m);
// Messages waiting to be sent (queued, or sending now), by channel.
std::map<std::string, std::int64_t> waiting(soci::session& sql);
// Messages to send now: queued and due, or sending with their lease run out; oldest first.
std::vector<std::string> due(soci::session& sql, Timestamp now, std::size_t limit);
// The messages the filter matches, newest first, after the message `after_id` when given.
std::vector<Message> page(soci::session& sql, const MessageFilter& filter, int limit,
                          const std::optional<std::string>& after_id);

}  // namespace agora::notification::message_store
