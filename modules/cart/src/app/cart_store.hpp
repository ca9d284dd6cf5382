#pragma once
// The cart's two stores behind one door: Redis first (one round trip per read, a compare-and-set
// per write), PostgreSQL behind it (written in batches by write_behind() with the cart.events of
// the changes), and PostgreSQL alone while Redis is down. Carts changed in PostgreSQL while Redis
// was down are dropped from Redis before it serves them again.
#include "app/cart_cache.hpp"
#include "domain/cart.hpp"
#include "store/redis_carts.hpp"

#include <agora/core/db.hpp>
#include <agora/core/events.hpp>
#include <agora/core/metrics.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace agora::cart {

// An event of a change, published when the change reaches PostgreSQL.
struct PendingEvent {
  std::string type;
  int version = 1;
  boost::json::value payload;
};
template <TypedEvent T>
PendingEvent pending(const T& event) {
  return {std::string(T::kName.type), T::kName.version, boost::json::value_from(event)};
}

struct Lifetimes {
  std::chrono::seconds guest{24 * 3600};
  std::chrono::seconds customer{7 * 24 * 3600};
};

class CartStore {
 public:
  CartStore(Database& db, Redis& redis, const Clock& clock, Metrics& metrics, Lifetimes lifetimes);

  // A cart that has not expired; nullopt when there is none.
  std::optional<Cart> find(const std::string& id);
  std::optional<Cart> find_owned(const std::string& owner_id);

  // Stores a new cart (and cart.created) in PostgreSQL, then in Redis. For a customer who has an
  // active cart already, returns that one instead.
  Cart create(Cart cart);

  // Applies `change` to the current cart and stores the result with the events it returns; when
  // another write came first, it runs again on the newer cart. `change` throws to refuse (checks of
  // access and If-Match belong in it, against the cart it is given). Error{not_found} for no cart.
  using Change = std::function<std::vector<PendingEvent>(Cart&)>;
  Cart update(const std::string& id, const Change& change);

  // The same without blocking, for the hot paths: `done` runs on Redis's I/O thread with the cart
  // as Redis holds it, or nullopt when the blocking call must answer instead (Redis is down or lacks
  // the cart; PostgreSQL then serves it), or with an error.
  using Found = std::function<void(std::optional<Cart>, std::exception_ptr)>;
  void find_async(const std::string& id, Found done);
  void find_owned_async(const std::string& owner_id, Found done);
  // One compare-and-set of `change` applied to the cart as this instance last saw it (one round
  // trip), read first when it has not seen it: `done` gets the stored cart, or nullopt when update()
  // must do it (another write came first, Redis is down or lacks the cart, ...). `change` may run on
  // Redis's I/O thread and must not block.
  void update_async(const std::string& id, Change change, Found done);

  // Copies changed carts and their events to PostgreSQL, `batch` carts per transaction (a job).
  void write_behind(std::size_t batch);
  // Removes carts past their expiry from both stores, publishing cart.expired (a job).
  void expire(std::size_t batch);

  // Whether Redis serves carts; a Redis marked down is tried again (dropping what went stale in it
  // meanwhile) once its retry time has come: blocking work, never on an io thread.
  bool redis_usable();

 private:
  void stamp(Cart& cart) const;
  Cart update_in_postgres(const std::string& id, const Change& change);
  std::optional<Cart> load_from_postgres(const std::string& id);
  void redis_failed();
  bool redis_marked_down() const;  // without trying it again: for the non-blocking paths
  void settle(Found done, std::exception_ptr error);
  void read_and_save(const std::string& id, Change change, Found done);
  void save_async(Cart cart, Change change, Found done, bool read);
  void drop_stale_from_redis();

  Database& db_;
  RedisCarts redis_;
  const Clock& clock_;
  Lifetimes lifetimes_;
  CartCache cache_{10000};
  std::atomic<std::int64_t> redis_down_until_ms_{0};
  std::mutex recovery_;
  Gauge& lag_;
  Counter& fallbacks_;
};

}  // namespace agora::cart
