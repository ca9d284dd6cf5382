#include "store/key_store.hpp"

#include <agora/core/sql_values.hpp>

#include <soci/soci.h>

namespace agora::user::key_store {

std::vector<StoredKey> live(soci::session& sql, Timestamp now) {
  const auto at = micros(now);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT kid, alg, private_key, kek_id, " AGORA_US("created_at") ", " AGORA_US("retired_at") ", "
                      AGORA_US("expires_at") " FROM \"user\".signing_keys"
                      " WHERE expires_at IS NULL OR expires_at > " AGORA_TS(":now") " ORDER BY created_at DESC, kid DESC",
       soci::use(at));
  std::vector<StoredKey> out;
  for (const auto& r : rows) {
    StoredKey k{r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2), std::nullopt,
                from_micros(r.get<long long>(4)), std::nullopt, std::nullopt};
    if (r.get_indicator(3) != soci::i_null) k.kek_id = r.get<std::string>(3);
    if (r.get_indicator(5) != soci::i_null) k.retired_at = from_micros(r.get<long long>(5));
    if (r.get_indicator(6) != soci::i_null) k.expires_at = from_micros(r.get<long long>(6));
    out.push_back(std::move(k));
  }
  return out;
}

void insert(soci::session& sql, const StoredKey& k) {
  const auto created = micros(k.created_at);
  auto kek = nullable(k.kek_id);
  sql << "INSERT INTO \"user\".signing_keys (kid, alg, private_key, kek_id, created_at) VALUES (:kid, :alg, :key, :kek, "
         AGORA_TS(":created") ")",
      soci::use(k.kid), soci::use(k.alg), soci::use(k.private_key), soci::use(kek.value, kek.ind), soci::use(created);
}

void retire_others(soci::session& sql, const std::string& kid, Timestamp now, Timestamp expires_at) {
  const auto at = micros(now), expires = micros(expires_at);
  sql << "UPDATE \"user\".signing_keys SET retired_at = " AGORA_TS(":at") ", expires_at = " AGORA_TS(":expires")
         " WHERE kid <> :kid AND retired_at IS NULL",
      soci::use(at), soci::use(expires), soci::use(kid);
}

void update_private_key(soci::session& sql, const std::string& kid, const std::string& private_key,
                        const std::optional<std::string>& kek_id) {
  auto kek = nullable(kek_id);
  sql << "UPDATE \"user\".signing_keys SET private_key = :key, kek_id = :kek WHERE kid = :kid", soci::use(private_key),
      soci::use(kek.value, kek.ind), soci::use(kid);
}

void delete_expired(soci::session& sql, Timestamp now) {
  const auto at = micros(now);
  sql << "DELETE FROM \"user\".signing_keys WHERE expires_at <= " AGORA_TS(":now"), soci::use(at);
}

void lock_rotation(soci::session& sql) { sql << "SELECT pg_advisory_xact_lock(hashtextextended('agora.user/signing_keys', 0))"; }

}  // namespace agora::user::key_store
