#pragma once
// The access-token signing keys: the newest signs, retired ones keep verifying until the tokens
// they signed have expired. Keys live in the database so that every instance shares them, their
// private parts sealed under the configured key-encryption key.
#include "crypto/key_encryption.hpp"
#include "crypto/signing_key.hpp"

#include <agora/core/clock.hpp>

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace agora {
class Database;
}

namespace agora::user {

struct KeyRingOptions {
  std::string alg = "ES256";                          // or RS256
  std::chrono::hours rotation{24 * 30};               // a signing key's life
  std::chrono::seconds verify_after_retirement{960};  // the access-token lifetime plus leeway
};

class KeyRing {
 public:
  KeyRing(Database& db, const Clock& clock, const KeyEncryption& kek, KeyRingOptions options);

  // At start: seals every stored key under the current key-encryption key (keys in clear, or
  // under a previous one), then refresh(). Throws Error{internal} when a key is sealed under a
  // key-encryption key that is not configured: this instance could not verify its tokens.
  void start();
  // Reloads the keys, creating the first one or rotating an old one; a background job calls it.
  void refresh();
  // Starts signing with a new key at once (operators, after a suspected leak of the old one).
  std::string rotate();

  SigningKey signing_key();
  // The key with this kid; reloads once (at most every few seconds) when another instance may have made it.
  std::optional<SigningKey> verifying_key(const std::string& kid);
  std::vector<SigningKey> verifying_keys();  // every key that verifies, newest first: the JWKS
  const std::string& alg() const { return options_.alg; }

 private:
  void load();
  std::string create_key(bool force);

  Database& db_;
  const Clock& clock_;
  const KeyEncryption& kek_;
  KeyRingOptions options_;
  std::mutex mutex_;
  std::vector<SigningKey> keys_;  // newest first; keys_[0] signs
  Timestamp last_load_{};
};

}  // namespace agora::user
