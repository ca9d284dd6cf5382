#include "app/cart_store.hpp"

#include "store/cart_doc.hpp"
#include "store/pg_carts.hpp"

#include <agora/cart/events.hpp>
#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/log.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace agora::cart {
namespace {

constexpr auto kRedisRetry = std::chrono::seconds(1);  // a down Redis is tried again this often
constexpr int kAttempts = 8;                           // compare-and-set rounds before giving up

bool is_unavailable(const Error& e) { return e.kind() == ErrorKind::unavailable; }

// An event as it waits in Redis: with `v`, the cart version its change made, which tells the copy to
// PostgreSQL whether it was published already (the stored version is at least v).
std::string pending_text(const PendingEvent& e, std::int64_t cart_version) {
  return boost::json::serialize(
      boost::json::object{{"v", cart_version}, {"type", e.type}, {"version", e.version}, {"payload", e.payload}});
}

OwnerLink owner_link(const Cart& cart) {
  if (cart.owner_id.empty()) return OwnerLink::none;
  return cart.status == CartStatus::active ? OwnerLink::claim : OwnerLink::release;
}

}  // namespace

CartStore::CartStore(Database& db, Redis& redis, const Clock& clock, Metrics& metrics, Lifetimes lifetimes)
    : db_(db),
      redis_(redis),
      clock_(clock),
      lifetimes_(lifetimes),
      lag_(metrics.gauge("agora_cart_write_behind_lag_seconds",
                         "age of the oldest cart change not yet copied to PostgreSQL")),
      fallbacks_(metrics.counter("agora_cart_postgres_fallback_total",
                                 "cart reads and writes served by PostgreSQL because Redis was down")) {}

void CartStore::stamp(Cart& cart) const {
  const auto now = clock_.now();
  cart.version += 1;
  cart.updated_at = now;
  cart.expires_at = now + (cart.owner_id.empty() ? lifetimes_.guest : lifetimes_.customer);
}

bool CartStore::redis_marked_down() const { return redis_down_until_ms_.load() != 0; }

bool CartStore::redis_usable() {
  const auto down_until = redis_down_until_ms_.load();
  if (down_until == 0) return true;
  if (millis(clock_.now()) < down_until) return false;
  std::unique_lock lock(recovery_, std::try_to_lock);
  if (!lock.owns_lock()) return false;  // another thread is bringing it back
  try {
    drop_stale_from_redis();
    redis_down_until_ms_ = 0;
    log::info("cart: Redis is back; carts are served from it again");
    return true;
  } catch (const Error& e) {
    if (!is_unavailable(e)) throw;
    redis_failed();
    return false;
  }
}

void CartStore::redis_failed() {
  cache_.clear();  // versions written in PostgreSQL meanwhile may repeat these
  if (redis_down_until_ms_.exchange(millis(clock_.now() + kRedisRetry)) == 0)
    log::warn("cart: Redis is down; carts are read and written in PostgreSQL");
}

void CartStore::drop_stale_from_redis() {
  for (;;) {
    auto conn = db_.acquire();
    const auto stale = pg_carts::stale_in_redis(*conn, 500);
    if (stale.empty()) return;
    std::vector<std::string> ids;
    for (const auto& s : stale) {
      redis_.forget(s.cart_id, s.owner_id.value_or(""));
      ids.push_back(s.cart_id);
    }
    pg_carts::clear_stale_in_redis(*conn, ids);
  }
}

std::optional<Cart> CartStore::load_from_postgres(const std::string& id) {
  auto conn = db_.acquire();
  return pg_carts::load(*conn, id);
}

std::optional<Cart> CartStore::find(const std::string& id) {
  std::optional<Cart> cart;
  if (redis_usable()) {
    try {
      cart = redis_.load(id);
      if (!cart) {
        cart = load_from_postgres(id);
        if (cart) redis_.adopt(*cart, clock_.now());
      }
    } catch (const Error& e) {
      if (!is_unavailable(e)) throw;
      redis_failed();
    }
  }
  if (!redis_usable()) {
    fallbacks_.inc();
    cart = load_from_postgres(id);
  }
  if (cart && cart->expires_at <= clock_.now()) return std::nullopt;
  return cart;
}

std::optional<Cart> CartStore::find_owned(const std::string& owner_id) {
  std::optional<Cart> cart;
  if (redis_usable()) {
    try {
      cart = redis_.load_owned(owner_id);
      if (!cart) {
        // PostgreSQL's copy may lag: Redis's own copy of that cart, when it has one, is the current one.
        auto conn = db_.acquire();
        cart = pg_carts::load_owned(*conn, owner_id);
        if (cart) {
          if (auto current = redis_.load(cart->id))
            cart = std::move(current);
          else
            redis_.adopt(*cart, clock_.now());
        }
      }
    } catch (const Error& e) {
      if (!is_unavailable(e)) throw;
      redis_failed();
    }
  }
  if (!redis_usable()) {
    fallbacks_.inc();
    auto conn = db_.acquire();
    cart = pg_carts::load_owned(*conn, owner_id);
  }
  if (cart && (cart->status != CartStatus::active || cart->expires_at <= clock_.now())) return std::nullopt;
  return cart;
}

Cart CartStore::create(Cart cart) {
  if (!cart.owner_id.empty())
    if (auto existing = find_owned(cart.owner_id)) return *existing;
  cart.version = 0;
  stamp(cart);
  cart.created_at = cart.updated_at;
  db_.transact([&](Tx& tx) {
    pg_carts::write(tx.sql(), {to_doc(cart)});
    tx.publish(
        events::Created{cart.id, cart.owner_id.empty() ? std::nullopt : std::optional(cart.owner_id), cart.currency});
  });
  if (redis_usable()) {
    try {
      // Not dirty: PostgreSQL has it. A customer who created another cart meanwhile keeps the first.
      redis_.adopt(cart, clock_.now());
      if (!cart.owner_id.empty())
        if (auto owned = redis_.load_owned(cart.owner_id); owned && owned->id != cart.id) return *owned;
    } catch (const Error& e) {
      if (!is_unavailable(e)) throw;
      redis_failed();
    }
  }
  return cart;
}

Cart CartStore::update(const std::string& id, const Change& change) {
  for (int attempt = 0; attempt < kAttempts && redis_usable(); ++attempt) {
    try {
      auto cart = redis_.load(id);
      if (!cart) {
        cart = load_from_postgres(id);
        if (!cart) throw Error(ErrorKind::not_found, "no cart with the id " + id);
        redis_.adopt(*cart, clock_.now());
        continue;
      }
      if (cart->expires_at <= clock_.now()) throw Error(ErrorKind::not_found, "no cart with the id " + id);
      const auto expected = cart->version;
      const auto events = change(*cart);
      stamp(*cart);
      std::vector<std::string> texts;
      for (const auto& e : events) texts.push_back(pending_text(e, cart->version));
      const auto r = redis_.save(*cart, expected, texts, owner_link(*cart), clock_.now());
      if (r.outcome == RedisCarts::Outcome::saved) {
        cache_.put(*cart);
        return *cart;
      }
      if (r.outcome == RedisCarts::Outcome::owner_taken)
        throw Error(ErrorKind::conflict, "the customer has another active cart");
    } catch (const Error& e) {
      if (!is_unavailable(e)) throw;
      redis_failed();
    }
  }
  if (!redis_usable()) {
    fallbacks_.inc();
    return update_in_postgres(id, change);
  }
  throw Error(ErrorKind::conflict, "the cart is being changed by other requests; try again");
}

void CartStore::find_async(const std::string& id, Found done) {
  if (redis_marked_down()) return done(std::nullopt, nullptr);  // the blocking path brings Redis back
  redis_.load_if_changed_async(id, cache_.get(id),
                               [this, done = std::move(done)](std::optional<Cart> cart, std::exception_ptr error) {
                                 if (error || !cart) return settle(std::move(done), error);
                                 cache_.put(*cart);
                                 done(cart->expires_at <= clock_.now() ? std::nullopt : std::move(cart), nullptr);
                               });
}

void CartStore::find_owned_async(const std::string& owner_id, Found done) {
  if (redis_marked_down()) return done(std::nullopt, nullptr);  // the blocking path brings Redis back
  redis_.load_owned_async(owner_id, [this, done = std::move(done)](std::optional<Cart> cart, std::exception_ptr error) {
    if (error || !cart) return settle(std::move(done), error);
    // Not active or expired: the blocking call decides (it also looks in PostgreSQL).
    if (cart->status != CartStatus::active || cart->expires_at <= clock_.now()) return done(std::nullopt, nullptr);
    done(std::move(cart), nullptr);
  });
}

void CartStore::update_async(const std::string& id, Change change, Found done) {
  if (redis_marked_down()) return done(std::nullopt, nullptr);  // the blocking path brings Redis back
  if (auto cart = cache_.get(id); cart && cart->expires_at > clock_.now())
    return save_async(std::move(*cart), std::move(change), std::move(done), false);
  read_and_save(id, std::move(change), std::move(done));
}

void CartStore::read_and_save(const std::string& id, Change change, Found done) {
  find_async(id, [this, change = std::move(change), done = std::move(done)](std::optional<Cart> cart,
                                                                            std::exception_ptr error) mutable {
    if (error || !cart) return done(std::nullopt, error);
    save_async(std::move(*cart), std::move(change), std::move(done), true);
  });
}

// `read`: the cart was just read from Redis. One from the cache may be older than Redis's: a change
// it refuses (no access, a stale If-Match) is tried again on the cart read afresh.
void CartStore::save_async(Cart cart, Change change, Found done, bool read) {
  std::vector<std::string> texts;
  const auto expected = cart.version;
  try {
    for (const auto& e : change(cart)) texts.push_back(pending_text(e, expected + 1));
    stamp(cart);
  } catch (...) {
    if (!read) return read_and_save(cart.id, std::move(change), std::move(done));
    return done(std::nullopt, std::current_exception());
  }
  const auto link = owner_link(cart);
  redis_.save_async(cart, expected, texts, link, clock_.now(),
                    [this, cart, done = std::move(done)](RedisCarts::Result r, std::exception_ptr error) mutable {
                      if (error) return settle(std::move(done), error);
                      if (r.outcome != RedisCarts::Outcome::saved) {
                        cache_.forget(cart.id);  // another write came first: the blocking path reads it
                        return done(std::nullopt, nullptr);
                      }
                      cache_.put(cart);
                      done(std::move(cart), nullptr);
                    });
}

// A failed or empty Redis answer: Redis being down sends the caller to the blocking path (which
// serves from PostgreSQL), as a missing cart does; other errors are the caller's.
void CartStore::settle(Found done, std::exception_ptr error) {
  if (error) {
    try {
      std::rethrow_exception(error);
    } catch (const Error& e) {
      if (!is_unavailable(e)) return done(std::nullopt, error);
      redis_failed();
    } catch (...) {
      return done(std::nullopt, error);
    }
  }
  done(std::nullopt, nullptr);
}

Cart CartStore::update_in_postgres(const std::string& id, const Change& change) {
  return db_.transact([&](Tx& tx) {
    auto cart = pg_carts::load_for_update(tx.sql(), id);
    if (!cart || cart->expires_at <= clock_.now()) throw Error(ErrorKind::not_found, "no cart with the id " + id);
    const auto events = change(*cart);
    stamp(*cart);
    pg_carts::write(tx.sql(), {to_doc(*cart)});
    for (const auto& e : events) tx.publish(std::string(events::kTopic), e.type, e.version, cart->id, e.payload);
    pg_carts::mark_stale_in_redis(tx.sql(), cart->id, clock_.now());
    return *cart;
  });
}

void CartStore::write_behind(std::size_t batch) {
  if (!redis_usable()) return;
  try {
    drop_stale_from_redis();  // another instance may have written carts in PostgreSQL
    for (;;) {
      const auto dirty = redis_.dirty(batch);
      if (dirty.empty()) break;
      db_.transact([&](Tx& tx) {
        std::vector<std::string> ids, docs;
        for (const auto& d : dirty) {
          ids.push_back(d.id);
          if (!d.doc.empty()) docs.push_back(d.doc);
        }
        // A change whose version the stored copy has reached was published with it (by another
        // instance, or by a copy whose acknowledgement to Redis was lost).
        const auto stored = pg_carts::versions_for_update(tx.sql(), ids);
        for (const auto& d : dirty) {
          const auto at = stored.find(d.id);
          for (const auto& text : d.events) {
            const auto e = boost::json::parse(text).as_object();
            if (at != stored.end() && e.at("v").to_number<std::int64_t>() <= at->second) continue;
            tx.publish(std::string(events::kTopic), std::string(e.at("type").as_string()),
                       static_cast<int>(e.at("version").to_number<std::int64_t>()), d.id, e.at("payload"));
          }
        }
        pg_carts::write(tx.sql(), docs);
      });
      redis_.acknowledge(dirty);
      if (dirty.size() < batch) break;
    }
    const auto oldest = redis_.oldest_dirty_ms();
    lag_.set(oldest ? static_cast<double>(millis(clock_.now()) - *oldest) / 1000.0 : 0.0);
  } catch (const Error& e) {
    if (!is_unavailable(e)) throw;
    redis_failed();
  }
}

void CartStore::expire(std::size_t batch) {
  const auto now = clock_.now();
  const bool redis = redis_usable();
  db_.transact([&](Tx& tx) {
    for (const auto& cart : pg_carts::expired_for_update(tx.sql(), now, batch)) {
      if (redis) {
        // A change not yet copied may have given it a later expiry: the next copy brings it.
        const auto current = redis_.load(cart.id);
        if (current && current->expires_at > now) continue;
        redis_.forget(cart.id, cart.owner_id);
      } else {
        pg_carts::mark_stale_in_redis(tx.sql(), cart.id, now);
      }
      pg_carts::remove(tx.sql(), cart.id);
      if (cart.status == CartStatus::active)
        tx.publish(events::Expired{cart.id, cart.owner_id.empty() ? std::nullopt : std::optional(cart.owner_id),
                                   static_cast<std::int64_t>(cart.lines.size())});
    }
  });
}

}  // namespace agora::cart
