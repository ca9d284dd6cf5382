#pragma once
// SOCI statements for "user".signing_keys.
#include <agora/core/clock.hpp>

#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace agora::user {

struct StoredKey {
  std::string kid;
  std::string alg;
  std::string private_pem;
  Timestamp created_at;
  std::optional<Timestamp> retired_at;  // stopped signing
  std::optional<Timestamp> expires_at;  // stops verifying
};

namespace key_store {

// Keys that still verify at `now`, newest first.
std::vector<StoredKey> live(soci::session& sql, Timestamp now);
void insert(soci::session& sql, const StoredKey& k);
// Retires every signing key but `kid`; they keep verifying until `expires_at`.
void retire_others(soci::session& sql, const std::string& kid, Timestamp now, Timestamp expires_at);
// Serialises key rotation between instances for the rest of the transaction.
void lock_rotation(soci::session& sql);

}  // namespace key_store
}  // namespace agora::user
