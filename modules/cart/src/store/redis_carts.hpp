#pragma once
// Carts in Redis, the primary store: each read and each write is one round trip (a Lua script).
// Keys: cart:{id} (hash: v = version, doc = the cart as JSON), cart:{id}:events (the cart.events of
// changes not yet in PostgreSQL), cart:dirty (sorted set: carts changed since their last copy to
// PostgreSQL, scored by when they first changed), cart:owner:{user id} (the customer's active cart).
#include "domain/cart.hpp"

#include <agora/core/redis.hpp>

#include <chrono>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace agora::cart {

// What a write does to the owner's index.
enum class OwnerLink {
  none,
  claim,    // the cart becomes the owner's active cart, unless the owner has another (Outcome::owner_taken)
  release,  // the cart is no longer the owner's active cart
};

class RedisCarts {
 public:
  explicit RedisCarts(Redis& redis) : redis_(redis) {}

  // All throw Error{unavailable} when Redis cannot be reached.
  std::optional<Cart> load(const std::string& id);
  std::optional<Cart> load_owned(const std::string& owner_id);

  enum class Outcome {
    saved,
    stale,        // the stored version is not the expected one (another write came first)
    missing,      // nothing is stored under the id (expected a version): load it from PostgreSQL
    owner_taken,  // OwnerLink::claim, and the owner has another active cart (`other`)
  };
  struct Result {
    Outcome outcome;
    std::string other;
  };
  // Stores `cart` if the stored version is `expected` (0: nothing may be stored yet), with the
  // events (JSON texts) to copy to PostgreSQL, and marks the cart dirty.
  Result save(const Cart& cart, std::int64_t expected, const std::vector<std::string>& events, OwnerLink owner,
              Timestamp now);
  // The same without blocking (Redis::run_async): `done` runs on Redis's I/O thread with the
  // outcome, or with the error the blocking call would throw.
  using Loaded = std::function<void(std::optional<Cart>, std::exception_ptr)>;
  using Saved = std::function<void(Result, std::exception_ptr)>;
  void load_async(const std::string& id, Loaded done);
  void load_owned_async(const std::string& owner_id, Loaded done);
  // The stored cart, answering with `known` itself (no document sent) when it is still current.
  void load_if_changed_async(const std::string& id, const std::optional<Cart>& known, Loaded done);
  void save_async(const Cart& cart, std::int64_t expected, const std::vector<std::string>& events, OwnerLink owner,
                  Timestamp now, Saved done);

  // Stores a cart read from PostgreSQL unless Redis holds it already; not dirty.
  void adopt(const Cart& cart, Timestamp now);
  // Removes the cart (and its owner's index entry when it points at it).
  void forget(const std::string& id, const std::string& owner_id);

  // A dirty cart as stored now, with its pending events.
  struct Dirty {
    std::string id;
    std::int64_t version = 0;
    std::string doc;                  // "" when the cart is gone from Redis
    std::vector<std::string> events;  // JSON texts
  };
  // Up to `limit` dirty carts, oldest first; they stay dirty until acknowledge().
  std::vector<Dirty> dirty(std::size_t limit);
  // Drops the events copied and clears the dirty mark of carts not changed since.
  void acknowledge(const std::vector<Dirty>& copied);
  // When the oldest dirty cart first changed (milliseconds since the epoch); nullopt when none is dirty.
  std::optional<std::int64_t> oldest_dirty_ms();

 private:
  struct Call {
    std::vector<std::string> keys, args;
  };
  static Call save_call(const Cart& cart, std::int64_t expected, const std::vector<std::string>& events,
                        OwnerLink owner, Timestamp now);
  static Result save_result(const RedisReply& r);
  Redis& redis_;
};

std::string cart_key(std::string_view id);

}  // namespace agora::cart
