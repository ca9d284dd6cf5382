#pragma once
// SQL on platform.outbox, platform.deliveries and platform.dead_letters.
#include <agora/core/events.hpp>

#include <optional>
#include <string>
#include <vector>

namespace agora::outbox_store {

// Serialises publishers of one key until commit, so sequence order is commit order per key.
void lock_key(soci::session& sql, const std::string& topic, const std::string& key);
long long insert_event(soci::session& sql, const Event& e);
void insert_delivery(soci::session& sql, long long event_seq, const std::string& subscriber, const std::string& key);
// At commit: wakes every instance's dispatchers (when the event has deliveries) and announces
// the notice to every instance's watchers, in one statement.
void announce(soci::session& sql, bool wake_dispatchers, const std::string& notice);
void notify(soci::session& sql);  // wakes the dispatchers only

struct Claimed {
  long long delivery_id;
  int attempts;
  Event event;
};
// Locks the oldest due delivery of the subscriber whose key has no earlier delivery pending.
std::optional<Claimed> claim(soci::session& sql, const std::string& subscriber);
void remove_delivery(soci::session& sql, long long delivery_id);
void schedule_retry(soci::session& sql, long long delivery_id, int attempts, const std::string& error,
                    std::chrono::milliseconds delay);
void dead_letter(soci::session& sql, long long delivery_id, int attempts, const std::string& error);

std::vector<DeadLetter> dead_letters(soci::session& sql, std::size_t limit, long long after_id);
std::optional<std::string> dead_letter_subscriber(soci::session& sql, long long id);
void requeue_dead_letter(soci::session& sql, long long id);

struct Stats {
  long long backlog = 0;
  double oldest_age_seconds = 0;
  long long dead_letters = 0;
};
Stats stats(soci::session& sql);
long long prune(soci::session& sql, std::chrono::hours retention);

}  // namespace agora::outbox_store
