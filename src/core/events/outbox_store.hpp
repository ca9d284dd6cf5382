#pragma once
// SQL on the event log (platform.outbox), the subscribers' positions in it, the events waiting for
// a retry (platform.retries) and the dead letters.
#include <agora/core/events.hpp>
#include <boost/describe/class.hpp>

#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace agora::outbox_store {

// Appends the events in publishing order, in one statement that first takes an advisory lock per
// key (in hash order, so two publishers never wait in a cycle): publishers of one key are
// serialised until commit, so a key's events are appended in commit order.
void append(soci::session& sql, const std::vector<Event>& events);
// Wakes every instance's dispatchers of the topics (one per line; none: every dispatcher) and hands
// every instance's watchers one NOTIFY payload of notices, in one statement.
void announce(soci::session& sql, const std::string& topics, const std::string& notices);

// Which events of the log a subscriber's partition reads.
struct Reader {
  std::string subscriber;
  int partitions = 1;  // keys are spread over partitions by hash; each partition keeps key order
  int partition = 0;
  std::vector<std::string> topics;  // empty: every topic
  std::vector<std::string> types;   // empty: every type
};

// Creates the subscriber's partitions at the current snapshot (they read what commits from then
// on); Error{internal} when the subscriber was run with another partition count.
void ensure_positions(soci::session& sql, const std::string& subscriber, int partitions);

// The window of transactions a partition is reading: events visible in `upto` and not in `since`,
// in seq order, done up to last_seq; max_seq is the window's last event.
struct Position {
  std::string since;
  std::string upto;
  long long last_seq = 0;
  long long max_seq = 0;
  bool retries_waiting = false;  // the subscriber has events waiting for a retry
  bool window_done() const { return last_seq >= max_seq; }
};
BOOST_DESCRIBE_STRUCT(Position, (), (since, upto, last_seq, max_seq, retries_waiting))
void save_position(soci::session& sql, const Reader& reader, long long last_seq);

struct LogEvent {
  long long seq = 0;
  Event event;
};
struct Claim {
  Position position;
  std::vector<LogEvent> events;  // the window's next events for the reader after last_seq, oldest first
};
// Locks the partition's position for this transaction (nullopt when another dispatcher holds it),
// moves on to the transactions committed since when its window is done, and reads up to `limit`
// events of the window: one round trip. Not durable: the transaction commits without waiting for
// its WAL flush.
std::optional<Claim> claim(soci::session& sql, const Reader& reader, int limit, bool durable);

// Keys of the partition with events waiting for a retry: later events of those keys wait behind them.
std::unordered_set<std::string> waiting_keys(soci::session& sql, const Reader& reader);
struct Retry {
  long long id = 0;
  int attempts = 0;
  Event event;
};
// Up to `limit` due retries of the partition, each the oldest waiting one of its key.
std::vector<Retry> due_retries(soci::session& sql, const Reader& reader, int limit);
// Puts an event from the log in the retry queue (attempts 0: waiting behind an earlier one of its key).
void wait_for_retry(soci::session& sql, const std::string& subscriber, long long seq, const std::string& key,
                    int attempts, const std::string& error, std::chrono::milliseconds delay);
void remove_retries(soci::session& sql, const std::vector<long long>& retry_ids);
void schedule_retry(soci::session& sql, long long retry_id, int attempts, const std::string& error,
                    std::chrono::milliseconds delay);
void dead_letter_retry(soci::session& sql, long long retry_id, int attempts, const std::string& error);
void dead_letter_event(soci::session& sql, const std::string& subscriber, long long seq, const std::string& key,
                       int attempts, const std::string& error);

std::vector<DeadLetter> dead_letters(soci::session& sql, std::size_t limit, long long after_id);
std::optional<std::string> dead_letter_subscriber(soci::session& sql, long long id);
void requeue_dead_letter(soci::session& sql, long long id);

struct Stats {
  long long backlog = 0;  // events the reader has not passed yet, and its retries
  double oldest_age_seconds = 0;
};
Stats stats(soci::session& sql, const Reader& reader);
long long dead_letter_count(soci::session& sql);
// Deletes events older than the retention that every subscriber has passed and none waits for.
long long prune(soci::session& sql, std::chrono::hours retention);

}  // namespace agora::outbox_store
