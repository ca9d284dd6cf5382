#pragma once
// SQL on platform.outbox, platform.deliveries and platform.dead_letters.
#include <agora/core/events.hpp>

#include <optional>
#include <string>
#include <vector>

namespace agora::outbox_store {

// Serialises publishers of the same keys until commit, so sequence order is commit order per key.
// Locks are taken in one order (by hash), so two transactions never wait on each other in a cycle.
void lock_keys(soci::session& sql, const std::vector<std::string>& lock_names);
// Inserts the events in order, in one statement; their sequence numbers in the same order.
std::vector<long long> insert_events(soci::session& sql, const std::vector<Event>& events);
struct NewDelivery {
  long long event_seq = 0;
  std::string subscriber;
  std::string key;
};
void insert_deliveries(soci::session& sql, const std::vector<NewDelivery>& deliveries);  // in order, one statement
// Wakes every instance's dispatchers and hands every instance's watchers one NOTIFY payload of
// notices, in one statement.
void announce(soci::session& sql, const std::string& notices);
void notify(soci::session& sql);  // wakes the dispatchers only

struct Claimed {
  long long delivery_id;
  int attempts;
  Event event;
};
// Locks up to `limit` of the subscriber's due deliveries, oldest first, each with no earlier
// delivery of its key pending (so at most one per key).
std::vector<Claimed> claim(soci::session& sql, const std::string& subscriber, int limit);
void remove_deliveries(soci::session& sql, const std::vector<long long>& delivery_ids);
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
