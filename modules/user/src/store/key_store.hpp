#pragma once
// Statements for "user".signing_keys.
#include <agora/core/clock.hpp>
#include <boost/describe/class.hpp>

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
  std::string private_key;            // PKCS#8 PEM in clear when kek_id is empty, else sealed
  std::optional<std::string> kek_id;  // the key-encryption key that sealed private_key
  Timestamp created_at;
  std::optional<Timestamp> retired_at;  // stopped signing
  std::optional<Timestamp> expires_at;  // stops verifying
};
BOOST_DESCRIBE_STRUCT(StoredKey, (), (kid, alg, private_key, kek_id, created_at, retired_at, expires_at))

namespace key_store {

// Keys that still verify at `now`, newest first.
std::vector<StoredKey> live(soci::session& sql, Timestamp now);
void insert(soci::session& sql, const StoredKey& k);
// Retires every signing key but `kid`; they keep verifying until `expires_at`.
void retire_others(soci::session& sql, const std::string& kid, Timestamp now, Timestamp expires_at);
// Replaces a key's private part (re-sealed under another key-encryption key).
void update_private_key(soci::session& sql, const std::string& kid, const std::string& private_key,
                        const std::optional<std::string>& kek_id);
// Deletes the keys that stopped verifying before `now`: nothing needs them, and a dump should not hold them.
void delete_expired(soci::session& sql, Timestamp now);
// Serialises key rotation between instances for the rest of the transaction.
void lock_rotation(soci::session& sql);

}  // namespace key_store
}  // namespace agora::user
