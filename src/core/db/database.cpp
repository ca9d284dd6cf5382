#include "db/native.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/log.hpp>
#include <agora/core/metrics.hpp>
#include <agora/core/prepared.hpp>
#include <agora/core/trace.hpp>

#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>

namespace agora {

struct Database::Pool {
  std::mutex mutex;
  std::condition_variable freed;
  std::vector<std::unique_ptr<soci::session>> idle;
  std::size_t open = 0;
  std::size_t in_use = 0;
};

namespace {

// A connection goes back to the pool only when it is open and outside any transaction.
bool reusable(soci::session& s) {
  PGconn* c = native_connection(s);
  return c && PQstatus(c) == CONNECTION_OK && PQtransactionStatus(c) == PQTRANS_IDLE;
}

}  // namespace

bool is_retryable_sqlstate(std::string_view state) noexcept { return state == "40001" || state == "40P01"; }

std::string sqlstate_of(const std::exception& e) {
  if (auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) return pg->sqlstate();
  return {};
}

Event Tx::publish(std::string topic, std::string type, int version, std::string key, boost::json::value payload) {
  if (!outbox_) throw Error(ErrorKind::internal, "events cannot be published: no event bus is running");
  published_.push_back({new_id(), std::move(type), version, std::move(topic), std::move(key), clock_.now(), region_,
                        current_trace().traceparent, std::move(payload)});
  return published_.back();
}

void Tx::savepoint(const std::function<void()>& fn) {
  const auto published = published_.size();
  const auto after_commit = after_commit_.size();
  const auto announced = announced_.size();
  sql_ << "SAVEPOINT agora_savepoint";
  try {
    fn();
  } catch (...) {
    sql_ << "ROLLBACK TO SAVEPOINT agora_savepoint";
    published_.resize(published);
    after_commit_.resize(after_commit);
    announced_.resize(announced);
    throw;
  }
  sql_ << "RELEASE SAVEPOINT agora_savepoint";
}

Database::Connection::~Connection() {
  if (session_) db_->release(std::move(session_));
}

Database::Database(Options options, Metrics& metrics, const Clock& clock)
    : options_(std::move(options)), clock_(clock), pool_(std::make_unique<Pool>()) {
  metrics.gauge_fn("agora_db_pool_connections", "Database pool connections by state", {{"state", "in_use"}},
                   [this] { return static_cast<double>(in_use()); });
  metrics.gauge_fn("agora_db_pool_size", "Database pool maximum size", {},
                   [this] { return static_cast<double>(options_.pool_size); });
}

Database::~Database() {
  for (auto& s : pool_->idle) prepared::forget(*s);
}

std::size_t Database::in_use() const {
  std::lock_guard lock(pool_->mutex);
  return pool_->in_use;
}

Database::Connection Database::acquire() {
  std::unique_lock lock(pool_->mutex);
  const bool ready = pool_->freed.wait_for(lock, options_.acquire_timeout,
                                           [&] { return !pool_->idle.empty() || pool_->open < options_.pool_size; });
  if (!ready) throw Error(ErrorKind::unavailable, "database busy: no connection free in time");
  ++pool_->in_use;
  if (!pool_->idle.empty()) {
    auto s = std::move(pool_->idle.back());
    pool_->idle.pop_back();
    return Connection(*this, std::move(s));
  }
  ++pool_->open;
  lock.unlock();
  try {
    return Connection(*this, std::make_unique<soci::session>(soci::postgresql, conninfo(options_.url)));
  } catch (const std::exception& e) {
    lock.lock();
    --pool_->open;
    --pool_->in_use;
    pool_->freed.notify_one();
    log::warn("database connection failed", {{"error", log::describe(e)}});
    throw Error(ErrorKind::unavailable, "database unavailable");
  }
}

void Database::release(std::unique_ptr<soci::session> s) {
  const bool keep = reusable(*s);
  if (!keep) {
    prepared::forget(*s);
    s.reset();  // closes it outside the lock
  }
  std::lock_guard lock(pool_->mutex);
  --pool_->in_use;
  if (keep)
    pool_->idle.push_back(std::move(s));
  else
    --pool_->open;
  pool_->freed.notify_one();
}

void Database::ping() {
  auto conn = acquire();
  try {
    int one = 0;
    *conn << "SELECT 1", soci::into(one);
  } catch (const std::exception& e) {
    throw Error(ErrorKind::unavailable, std::string("database unavailable: ") + e.what());
  }
}

void Database::run_transaction(const std::function<void(Tx&)>& fn, Isolation isolation) {
  static thread_local std::minstd_rand jitter(std::random_device{}());
  for (int attempt = 1;; ++attempt) {
    auto conn = acquire();
    Tx tx(*conn, outbox_, clock_, options_.region);
    try {
      conn->begin();
      if (isolation == Isolation::serializable)
        *conn << "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE";
      else if (isolation == Isolation::repeatable_read)
        *conn << "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ";
      fn(tx);
      if (!tx.published_.empty()) {
        // An event occurs when its transaction commits: stamped as it is appended, right before.
        const auto now = clock_.now();
        for (auto& e : tx.published_) e.occurred_at = now;
        outbox_->write(*conn, tx.published_);
      }
      conn->commit();
    } catch (const std::exception& e) {
      if (PGconn* c = native_connection(*conn); c && PQstatus(c) == CONNECTION_OK) {
        try {
          conn->rollback();
        } catch (...) {
          // the connection is dropped by release() when it is not idle
        }
      }
      const auto state = sqlstate_of(e);
      if (is_retryable_sqlstate(state)) {
        if (attempt >= options_.max_attempts)
          throw Error(ErrorKind::conflict, "the change conflicted with concurrent changes; try again");
        // Exponential backoff with full jitter, so colliding transactions spread out.
        const auto ceiling = std::min(1u << std::min(attempt, 7), 100u);
        std::this_thread::sleep_for(std::chrono::milliseconds(jitter() % ceiling + 1));
        continue;
      }
      if (state.starts_with("08") || (native_connection(*conn) && PQstatus(native_connection(*conn)) != CONNECTION_OK))
        throw Error(ErrorKind::unavailable, "database unavailable");
      throw;
    }
    if (!tx.published_.empty() || !tx.announced_.empty()) {
      auto notices = std::move(tx.announced_);
      for (const auto& e : tx.published_) notices.push_back({e.topic, e.type, e.key});
      outbox_->announce(*conn, notices);
    }
    for (auto& f : tx.after_commit_) f();
    return;
  }
}

}  // namespace agora
