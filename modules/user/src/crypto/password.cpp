#include "crypto/password.hpp"

#include <agora/core/error.hpp>

#include <sodium.h>

namespace agora::user {
namespace {

Error busy() {
  Error e(ErrorKind::unavailable, "the server is busy; try again shortly");
  e.with_retry_after(std::chrono::seconds(1));
  return e;
}

}  // namespace

HashingSlots::Slot HashingSlots::take() {
  std::unique_lock lock(mutex_);
  const auto free = [&] { return load_.running < limits_.concurrency; };
  if (!free()) {
    const bool may_wait = load_.waiting < limits_.queue;
    if (may_wait) ++load_.waiting;
    const bool got = may_wait && freed_.wait_for(lock, limits_.max_wait, free);
    if (may_wait) --load_.waiting;
    if (!got) {
      ++load_.turned_away;
      throw busy();
    }
  }
  ++load_.running;
  ++load_.operations;
  return Slot(*this);
}

HashingSlots::Slot::~Slot() {
  if (!owner_) return;
  {
    std::lock_guard lock(owner_->mutex_);
    --owner_->load_.running;
  }
  owner_->freed_.notify_one();
}

HashingLoad HashingSlots::load() const {
  std::lock_guard lock(mutex_);
  auto l = load_;
  l.saturated = l.running >= limits_.concurrency;
  return l;
}

PasswordHasher::PasswordHasher(PasswordCost cost, HashingLimits limits) : cost_(cost), slots_(limits) {
  if (sodium_init() < 0) throw Error(ErrorKind::internal, "libsodium failed to initialise");
  dummy_ = hash_now("agora-dummy-password-for-timing");
}

std::string PasswordHasher::hash(std::string_view password) const {
  const auto slot = slots_.take();
  return hash_now(password);
}

std::string PasswordHasher::hash_now(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost_.ops, cost_.memory,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw Error(ErrorKind::unavailable, "password hashing ran out of memory");
  return out;
}

bool PasswordHasher::verify(std::string_view hash, std::string_view password) const {
  const std::string h(hash);  // must be NUL-terminated
  const auto slot = slots_.take();
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::burn(std::string_view password) const { (void)verify(dummy_, password); }

bool PasswordHasher::needs_rehash(std::string_view hash) const {
  const std::string h(hash);
  return crypto_pwhash_str_needs_rehash(h.c_str(), cost_.ops, cost_.memory) != 0;
}

}  // namespace agora::user
