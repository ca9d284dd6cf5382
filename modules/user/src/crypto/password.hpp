#pragma once
// Password hashing with Argon2id (libsodium), at OWASP's recommended cost by default, a few
// operations at a time so that hashing can never hold every worker thread.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace agora::user {

struct PasswordCost {
  unsigned long long ops = 2;              // iterations (OWASP: t=2 with m=19 MiB)
  std::size_t memory = 19u * 1024 * 1024;  // bytes
};

// How much hashing may run at once; callers beyond it wait a little, then get Error{unavailable}.
struct HashingLimits {
  unsigned concurrency = 2;                  // hash or verify operations at once
  unsigned queue = 4;                        // callers waiting for a slot; more are turned away at once
  std::chrono::milliseconds max_wait{1000};  // a waiting caller is turned away after this
};

// What the hasher is doing now, for metrics and readiness.
struct HashingLoad {
  unsigned running = 0;
  unsigned waiting = 0;
  unsigned long long operations = 0;   // hashes and verifications done (dummy ones included)
  unsigned long long turned_away = 0;  // callers refused: no slot within max_wait, or the queue was full
  bool saturated = false;              // every slot is taken: a new caller would wait or be turned away
};

// At most `concurrency` holders at once; up to `queue` more wait for one, the rest are turned away.
class HashingSlots {
 public:
  class Slot {  // held for one operation's duration
   public:
    explicit Slot(HashingSlots& owner) : owner_(&owner) {}
    Slot(Slot&& other) noexcept : owner_(std::exchange(other.owner_, nullptr)) {}
    Slot& operator=(Slot&&) = delete;
    ~Slot();

   private:
    HashingSlots* owner_;
  };

  explicit HashingSlots(HashingLimits limits) : limits_(limits) {}
  // Waits up to max_wait when every slot is taken; throws Error{unavailable} with a retry time without one.
  Slot take();
  HashingLoad load() const;

 private:
  HashingLimits limits_;
  mutable std::mutex mutex_;
  std::condition_variable freed_;
  HashingLoad load_;
};

class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordCost cost = {}, HashingLimits limits = {});
  // Each of these takes a hashing slot for its duration (see HashingSlots::take).
  std::string hash(std::string_view password) const;  // a self-describing $argon2id$ string
  // Constant-time in the password; false for a malformed hash.
  bool verify(std::string_view hash, std::string_view password) const;
  // Spends the work of a verification without a stored hash, so that unknown accounts cost
  // what known ones do.
  void burn(std::string_view password) const;
  bool needs_rehash(std::string_view hash) const;  // stored with another cost
  HashingSlots& slots() const { return slots_; }

 private:
  std::string hash_now(std::string_view password) const;

  PasswordCost cost_;
  mutable HashingSlots slots_;
  std::string dummy_;
};

}  // namespace agora::user
