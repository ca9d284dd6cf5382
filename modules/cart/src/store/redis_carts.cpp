#include "store/redis_carts.hpp"

#include "store/cart_doc.hpp"

#include <agora/core/error.hpp>

#include <algorithm>

namespace agora::cart {
namespace {

constexpr std::string_view kDirty = "cart:dirty";
// Redis keeps a cart a little past its expiry, so the expiry job finds it in both stores.
constexpr auto kTtlMargin = std::chrono::hours(1);

std::string events_key(std::string_view id) { return "cart:" + std::string(id) + ":events"; }
std::string owner_key(std::string_view owner) { return "cart:owner:" + std::string(owner); }

std::string ttl_seconds(const Cart& cart, Timestamp now) {
  const auto left = std::chrono::duration_cast<std::chrono::seconds>(cart.expires_at - now + kTtlMargin);
  return std::to_string(std::max<std::int64_t>(60, left.count()));
}

// KEYS: cart, events, dirty, owner index (or the cart key again when none).
// ARGV: expected version ("0": none may be stored), new version, doc, ttl, now ms, cart id,
// owner op ("", "claim", "release"), stamp (updated_at in microseconds), events...
// Returns {1} saved, {0, stored version or ""} stale or missing, {2, other cart} owner taken.
const RedisScript kSave(R"lua(
local stored = redis.call('HGET', KEYS[1], 'v')
if ARGV[1] == '0' then
  if stored then return {0, stored} end
elseif stored ~= ARGV[1] then
  return {0, stored or ''}
end
if ARGV[7] == 'claim' then
  local other = redis.call('GET', KEYS[4])
  if other and other ~= ARGV[6] and redis.call('EXISTS', 'cart:' .. other) == 1 then return {2, other} end
  redis.call('SET', KEYS[4], ARGV[6], 'EX', ARGV[4])
elseif ARGV[7] == 'release' and redis.call('GET', KEYS[4]) == ARGV[6] then
  redis.call('DEL', KEYS[4])
end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'doc', ARGV[3], 's', ARGV[8])
redis.call('EXPIRE', KEYS[1], ARGV[4])
if #ARGV > 8 then
  redis.call('RPUSH', KEYS[2], unpack(ARGV, 9))
  redis.call('EXPIRE', KEYS[2], ARGV[4])
end
redis.call('ZADD', KEYS[3], 'NX', ARGV[5], ARGV[6])
return {1}
)lua");

// KEYS: cart. Returns the doc or nil.
const RedisScript kLoad(R"lua(return redis.call('HGET', KEYS[1], 'doc'))lua");

// KEYS: cart. ARGV: a version and stamp known to the caller. Returns nil when there is no cart, 1
// when the stored one has that version and stamp, else its doc.
const RedisScript kLoadIfChanged(R"lua(
local m = redis.call('HMGET', KEYS[1], 'v', 's')
if not m[1] then return nil end
if m[1] == ARGV[1] and m[2] == ARGV[2] then return 1 end
return redis.call('HGET', KEYS[1], 'doc')
)lua");

// KEYS: owner index. Returns the doc of the owner's active cart or nil.
const RedisScript kLoadOwned(R"lua(
local id = redis.call('GET', KEYS[1])
if not id then return nil end
return redis.call('HGET', 'cart:' .. id, 'doc')
)lua");

// KEYS: cart, owner index (or the cart key). ARGV: version, doc, ttl, cart id, "claim" or "", stamp.
const RedisScript kAdopt(R"lua(
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[1], 'doc', ARGV[2], 's', ARGV[6])
redis.call('EXPIRE', KEYS[1], ARGV[3])
if ARGV[5] == 'claim' and not redis.call('GET', KEYS[2]) then
  redis.call('SET', KEYS[2], ARGV[4], 'EX', ARGV[3])
end
return 1
)lua");

// KEYS: cart, events, dirty, owner index (or the cart key). ARGV: cart id.
const RedisScript kForget(R"lua(
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('ZREM', KEYS[3], ARGV[1])
if KEYS[4] ~= KEYS[1] and redis.call('GET', KEYS[4]) == ARGV[1] then redis.call('DEL', KEYS[4]) end
return 1
)lua");

// KEYS: dirty. ARGV: limit. Returns {id, version, doc, {events...}} per dirty cart, oldest first.
const RedisScript kDirtyCarts(R"lua(
local out = {}
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)) do
  local key = 'cart:' .. id
  local v = redis.call('HMGET', key, 'v', 'doc')
  out[#out + 1] = {id, v[1] or '0', v[2] or '', redis.call('LRANGE', key .. ':events', 0, -1)}
end
return out
)lua");

// KEYS: dirty. ARGV: (id, version copied, events copied) triples. Drops the copied events; a cart
// whose version is still the one copied and has no events left is clean.
const RedisScript kAcknowledge(R"lua(
for i = 1, #ARGV, 3 do
  local id, key = ARGV[i], 'cart:' .. ARGV[i]
  if tonumber(ARGV[i + 2]) > 0 then redis.call('LTRIM', key .. ':events', tonumber(ARGV[i + 2]), -1) end
  local v = redis.call('HGET', key, 'v')
  if (not v or v == ARGV[i + 1]) and redis.call('LLEN', key .. ':events') == 0 then
    redis.call('ZREM', KEYS[1], id)
  end
end
return 1
)lua");

// Tells two carts of one version apart: one written in PostgreSQL while Redis was away from the one
// Redis had. Milliseconds, as the document keeps updated_at.
std::string stamp_of(const Cart& cart) { return std::to_string(millis(cart.updated_at)); }

std::optional<Cart> doc_of(const RedisReply& r) {
  if (r.type != RedisReply::Type::string) return std::nullopt;
  return from_doc(r.str);
}

}  // namespace

std::string cart_key(std::string_view id) { return "cart:" + std::string(id); }

std::optional<Cart> RedisCarts::load(const std::string& id) { return doc_of(redis_.run(kLoad, {cart_key(id)}, {})); }

std::optional<Cart> RedisCarts::load_owned(const std::string& owner_id) {
  return doc_of(redis_.run(kLoadOwned, {owner_key(owner_id)}, {}));
}

RedisCarts::Call RedisCarts::save_call(const Cart& cart, std::int64_t expected, const std::vector<std::string>& events,
                                       OwnerLink owner, Timestamp now) {
  const auto key = cart_key(cart.id);
  Call call{{key, events_key(cart.id), std::string(kDirty), cart.owner_id.empty() ? key : owner_key(cart.owner_id)},
            {std::to_string(expected), std::to_string(cart.version), to_doc(cart), ttl_seconds(cart, now),
             std::to_string(millis(now)), cart.id,
             owner == OwnerLink::claim     ? "claim"
             : owner == OwnerLink::release ? "release"
                                           : "",
             stamp_of(cart)}};
  call.args.insert(call.args.end(), events.begin(), events.end());
  return call;
}

RedisCarts::Result RedisCarts::save_result(const RedisReply& r) {
  const auto code = r.elements.at(0).integer;
  if (code == 1) return {Outcome::saved, {}};
  if (code == 2) return {Outcome::owner_taken, r.elements.at(1).str};
  return {r.elements.at(1).str.empty() ? Outcome::missing : Outcome::stale, {}};
}

RedisCarts::Result RedisCarts::save(const Cart& cart, std::int64_t expected, const std::vector<std::string>& events,
                                    OwnerLink owner, Timestamp now) {
  auto call = save_call(cart, expected, events, owner, now);
  return save_result(redis_.run(kSave, call.keys, call.args));
}

void RedisCarts::save_async(const Cart& cart, std::int64_t expected, const std::vector<std::string>& events,
                            OwnerLink owner, Timestamp now, Saved done) {
  auto call = save_call(cart, expected, events, owner, now);
  redis_.run_async(kSave, std::move(call.keys), std::move(call.args),
                   [done = std::move(done)](RedisReply r, std::exception_ptr error) {
                     if (error) return done({}, error);
                     try {
                       done(save_result(r), nullptr);
                     } catch (...) {
                       done({}, std::current_exception());
                     }
                   });
}

namespace {

Redis::Done loaded(RedisCarts::Loaded done) {
  return [done = std::move(done)](RedisReply r, std::exception_ptr error) {
    if (error) return done(std::nullopt, error);
    std::optional<Cart> cart;
    try {
      cart = doc_of(r);
    } catch (...) {
      return done(std::nullopt, std::current_exception());
    }
    done(std::move(cart), nullptr);
  };
}

}  // namespace

void RedisCarts::load_async(const std::string& id, Loaded done) {
  redis_.run_async(kLoad, {cart_key(id)}, {}, loaded(std::move(done)));
}

void RedisCarts::load_if_changed_async(const std::string& id, const std::optional<Cart>& known, Loaded done) {
  if (!known) return load_async(id, std::move(done));
  redis_.run_async(kLoadIfChanged, {cart_key(id)}, {std::to_string(known->version), stamp_of(*known)},
                   [known, done = std::move(done)](RedisReply r, std::exception_ptr error) mutable {
                     if (!error && r.type == RedisReply::Type::integer) return done(std::move(known), nullptr);
                     loaded(done)(std::move(r), error);
                   });
}

void RedisCarts::load_owned_async(const std::string& owner_id, Loaded done) {
  redis_.run_async(kLoadOwned, {owner_key(owner_id)}, {}, loaded(std::move(done)));
}

void RedisCarts::adopt(const Cart& cart, Timestamp now) {
  const auto key = cart_key(cart.id);
  const bool owned = !cart.owner_id.empty() && cart.status == CartStatus::active;
  redis_.run(kAdopt, {key, owned ? owner_key(cart.owner_id) : key},
             {std::to_string(cart.version), to_doc(cart), ttl_seconds(cart, now), cart.id, owned ? "claim" : "",
              stamp_of(cart)});
}

void RedisCarts::forget(const std::string& id, const std::string& owner_id) {
  const auto key = cart_key(id);
  redis_.run(kForget, {key, events_key(id), std::string(kDirty), owner_id.empty() ? key : owner_key(owner_id)}, {id});
}

std::vector<RedisCarts::Dirty> RedisCarts::dirty(std::size_t limit) {
  const auto r = redis_.run(kDirtyCarts, {std::string(kDirty)}, {std::to_string(limit)});
  std::vector<Dirty> out;
  for (const auto& e : r.elements) {
    Dirty d{e.elements.at(0).str, std::stoll(e.elements.at(1).str), e.elements.at(2).str, {}};
    for (const auto& ev : e.elements.at(3).elements) d.events.push_back(ev.str);
    out.push_back(std::move(d));
  }
  return out;
}

void RedisCarts::acknowledge(const std::vector<Dirty>& copied) {
  if (copied.empty()) return;
  std::vector<std::string> args;
  for (const auto& d : copied) {
    args.push_back(d.id);
    args.push_back(std::to_string(d.version));
    args.push_back(std::to_string(d.events.size()));
  }
  redis_.run(kAcknowledge, {std::string(kDirty)}, args);
}

std::optional<std::int64_t> RedisCarts::oldest_dirty_ms() {
  const auto r = redis_.command({"ZRANGE", kDirty, "0", "0", "WITHSCORES"});
  if (r.elements.size() < 2) return std::nullopt;
  return static_cast<std::int64_t>(std::stod(r.elements[1].str));
}

}  // namespace agora::cart
