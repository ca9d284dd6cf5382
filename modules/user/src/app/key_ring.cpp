#include "app/key_ring.hpp"

#include "store/key_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/log.hpp>

namespace agora::user {
namespace {
constexpr auto kReloadAtMostEvery = std::chrono::seconds(5);

std::string private_pem(const KeyEncryption& kek, const StoredKey& k) {
  return k.kek_id ? kek.open(k.kid, {*k.kek_id, k.private_key}) : k.private_key;
}

}  // namespace

KeyRing::KeyRing(Database& db, const Clock& clock, const KeyEncryption& kek, KeyRingOptions options)
    : db_(db), clock_(clock), kek_(kek), options_(std::move(options)) {}

void KeyRing::start() {
  db_.transact([&](Tx& tx) {
    key_store::lock_rotation(tx.sql());
    key_store::delete_expired(tx.sql(), clock_.now());
    for (const auto& k : key_store::live(tx.sql(), clock_.now())) {
      if (k.kek_id.value_or("") == kek_.current_id()) continue;
      const auto pem = private_pem(kek_, k);
      if (!kek_.enabled()) continue;  // a key in clear stays so until a key-encryption key is configured
      const auto sealed = kek_.seal(k.kid, pem);
      key_store::update_private_key(tx.sql(), k.kid, sealed.data, sealed.kek_id);
      log::info("signing key sealed", {{"kid", k.kid}, {"kek_id", sealed.kek_id}, {"was", k.kek_id.value_or("clear")}});
    }
  });
  refresh();
}

void KeyRing::refresh() {
  create_key(false);
  load();
}

std::string KeyRing::rotate() {
  const auto kid = create_key(true);
  load();
  return kid;
}

// Creates a key when forced, when there is none, or when the signing key is older than the
// rotation period; returns the signing kid. The advisory lock keeps two instances from rotating at once.
std::string KeyRing::create_key(bool force) {
  return db_.transact([&](Tx& tx) {
    key_store::lock_rotation(tx.sql());
    const auto now = clock_.now();
    const auto keys = key_store::live(tx.sql(), now);
    const StoredKey* active = nullptr;
    for (const auto& k : keys)
      if (!k.retired_at) {
        active = &k;
        break;
      }
    if (!force && active && now - active->created_at < options_.rotation) return active->kid;
    const auto key = SigningKey::generate(new_id(), options_.alg);
    StoredKey stored{key.kid(), key.alg(), key.private_pem(), std::nullopt, now, std::nullopt, std::nullopt};
    if (kek_.enabled()) {
      auto sealed = kek_.seal(key.kid(), stored.private_key);
      stored.private_key = std::move(sealed.data);
      stored.kek_id = std::move(sealed.kek_id);
    }
    key_store::insert(tx.sql(), stored);
    key_store::retire_others(tx.sql(), key.kid(), now, now + options_.verify_after_retirement);
    log::info("signing key rotated", {{"kid", key.kid()}, {"alg", key.alg()}});
    return key.kid();
  });
}

void KeyRing::load() {
  const auto now = clock_.now();
  auto conn = db_.acquire();
  std::vector<SigningKey> keys;
  for (const auto& k : key_store::live(*conn, now)) {
    try {
      keys.push_back(SigningKey::from_private_pem(k.kid, k.alg, private_pem(kek_, k)));
    } catch (const Error& e) {  // another instance runs another key-encryption key: start() said so
      log::error("signing key unusable", {{"kid", k.kid}, {"error", log::describe(e)}});
    }
  }
  std::lock_guard lock(mutex_);
  keys_ = std::move(keys);
  last_load_ = now;
}

SigningKey KeyRing::signing_key() {
  {
    std::lock_guard lock(mutex_);
    if (!keys_.empty()) return keys_.front();
  }
  refresh();
  std::lock_guard lock(mutex_);
  if (keys_.empty()) throw Error(ErrorKind::unavailable, "no signing key");
  return keys_.front();
}

std::optional<SigningKey> KeyRing::verifying_key(const std::string& kid) {
  const auto find = [&]() -> std::optional<SigningKey> {
    std::lock_guard lock(mutex_);
    for (const auto& k : keys_)
      if (k.kid() == kid) return k;
    return std::nullopt;
  };
  if (auto k = find()) return k;
  {
    std::lock_guard lock(mutex_);
    if (clock_.now() - last_load_ < kReloadAtMostEvery) return std::nullopt;
  }
  load();
  return find();
}

std::vector<SigningKey> KeyRing::verifying_keys() {
  std::lock_guard lock(mutex_);
  return keys_;
}

}  // namespace agora::user
