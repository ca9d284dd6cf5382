#include "store/key_store.hpp"

#include <agora/core/prepared.hpp>

namespace agora::user::key_store {

std::vector<StoredKey> live(soci::session& sql, Timestamp now) {
  return prepared::run(
             sql,
             "SELECT kid, alg, private_key, kek_id, created_at, retired_at, expires_at FROM \"user\".signing_keys"
             " WHERE expires_at IS NULL OR expires_at > $1 ORDER BY created_at DESC, kid DESC",
             {now})
      .all<StoredKey>();
}

void insert(soci::session& sql, const StoredKey& k) {
  prepared::run(
      sql, "INSERT INTO \"user\".signing_keys (kid, alg, private_key, kek_id, created_at) VALUES ($1, $2, $3, $4, $5)",
      {k.kid, k.alg, k.private_key, k.kek_id, k.created_at});
}

void retire_others(soci::session& sql, const std::string& kid, Timestamp now, Timestamp expires_at) {
  prepared::run(
      sql, "UPDATE \"user\".signing_keys SET retired_at = $1, expires_at = $2 WHERE kid <> $3 AND retired_at IS NULL",
      {now, expires_at, kid});
}

void update_private_key(soci::session& sql, const std::string& kid, const std::string& private_key,
                        const std::optional<std::string>& kek_id) {
  prepared::run(sql, "UPDATE \"user\".signing_keys SET private_key = $1, kek_id = $2 WHERE kid = $3",
                {private_key, kek_id, kid});
}

void delete_expired(soci::session& sql, Timestamp now) {
  prepared::run(sql, "DELETE FROM \"user\".signing_keys WHERE expires_at <= $1", {now});
}

void lock_rotation(soci::session& sql) {
  prepared::run(sql, "SELECT pg_advisory_xact_lock(hashtextextended('agora.user/signing_keys', 0))");
}

}  // namespace agora::user::key_store
