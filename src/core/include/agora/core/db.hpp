#pragma once
// PostgreSQL through a SOCI connection pool; transact() commits a change and its events together.
#include <soci/soci.h>
#include <agora/core/clock.hpp>
#include <agora/core/events.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace agora {

class Metrics;

// One database transaction: SQL through sql(), events through publish().
class Tx {
 public:
  soci::session& sql() noexcept { return sql_; }
  // Queues the event for the outbox. A transaction's events are written together right before it
  // commits (a few statements however many there are), and delivered only if it commits.
  Event publish(std::string topic, std::string type, int version, std::string key, boost::json::value payload);
  // A typed event (see TypedEvent): tx.publish(inventory::events::Reserved{...}).
  template <TypedEvent T>
  Event publish(const T& event) {
    return publish(std::string(T::kName.topic), std::string(T::kName.type), T::kName.version, event.key(),
                   boost::json::value_from(event));
  }
  // Runs fn in a savepoint. When fn throws, what it wrote and published is undone, the exception
  // goes on, and the transaction stays usable.
  void savepoint(const std::function<void()>& fn);
  // Tells every instance once the transaction commits (a Watch on the notice's topic hears it),
  // without an event: nothing is stored, so it is for live views that can read the state again.
  void announce(Notice notice) { announced_.push_back(std::move(notice)); }
  // Runs after a successful commit (cache invalidation); never runs for a rolled-back attempt.
  void after_commit(std::function<void()> fn) { after_commit_.push_back(std::move(fn)); }

 private:
  friend class Database;
  Tx(soci::session& sql, Outbox* outbox, const Clock& clock, const std::string& region)
      : sql_(sql), outbox_(outbox), clock_(clock), region_(region) {}
  soci::session& sql_;
  Outbox* outbox_;
  const Clock& clock_;
  const std::string& region_;
  std::vector<std::function<void()>> after_commit_;
  std::vector<Event> published_;
  std::vector<Notice> announced_;
};

enum class Isolation { read_committed, repeatable_read, serializable };

class Database {
 public:
  struct Options {
    std::string url;  // postgresql://user:pass@host:port/db
    std::size_t pool_size = 8;
    std::chrono::milliseconds acquire_timeout{5000};
    int max_attempts = 10;  // for serialization failures and deadlocks; then Error{conflict}
    std::string region = "local";
  };

  // A pooled session, returned to the pool when it goes out of scope.
  class Connection {
   public:
    Connection(Database& db, std::unique_ptr<soci::session> s) : db_(&db), session_(std::move(s)) {}
    Connection(Connection&&) noexcept = default;
    ~Connection();
    soci::session& operator*() noexcept { return *session_; }
    soci::session* operator->() noexcept { return session_.get(); }

   private:
    Database* db_;
    std::unique_ptr<soci::session> session_;
  };

  Database(Options options, Metrics& metrics, const Clock& clock = Clock::system());
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs fn in a transaction, retrying the whole function on serialization failure or deadlock;
  // when the attempts run out it throws Error{conflict}.
  template <class F>
  auto transact(F&& fn, Isolation isolation = Isolation::read_committed) {
    using R = std::invoke_result_t<F&, Tx&>;
    if constexpr (std::is_void_v<R>) {
      run_transaction([&](Tx& tx) { fn(tx); }, isolation);
    } else {
      std::optional<R> result;
      run_transaction([&](Tx& tx) { result.emplace(fn(tx)); }, isolation);
      return std::move(*result);
    }
  }

  // Throws Error{unavailable} when no connection frees up within acquire_timeout.
  Connection acquire();
  void ping();  // SELECT 1, throws Error{unavailable} on failure

  void set_outbox(Outbox* outbox) noexcept { outbox_ = outbox; }
  const Options& options() const noexcept { return options_; }
  std::size_t in_use() const;

 private:
  void run_transaction(const std::function<void(Tx&)>& fn, Isolation isolation);
  void release(std::unique_ptr<soci::session> s);
  friend class Connection;

  struct Pool;
  Options options_;
  const Clock& clock_;
  Outbox* outbox_ = nullptr;
  std::unique_ptr<Pool> pool_;
};

// The libpq keyword/value form of a postgresql:// URL, for soci::session (SOCI mangles URLs).
// Throws Error{internal} for anything but a postgresql:// or postgres:// URL.
std::string conninfo(std::string_view url);

// True for SQLSTATE 40001 (serialization_failure) and 40P01 (deadlock_detected).
bool is_retryable_sqlstate(std::string_view sqlstate) noexcept;
// The SQLSTATE of a SOCI PostgreSQL error, or "" for other exceptions.
std::string sqlstate_of(const std::exception& e);

}  // namespace agora
