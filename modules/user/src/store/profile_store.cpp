#include "store/profile_store.hpp"

#include "store/first_row.hpp"

#include <agora/core/prepared.hpp>

namespace agora::user::profile_store {
namespace {

constexpr std::string_view kSelectAddress =
    "SELECT d.id, d.label, d.recipient, d.line1, d.line2, d.city, d.region, d.postal_code, d.country, d.phone,"
    " a.default_shipping_address_id IS NOT DISTINCT FROM d.id AS default_shipping,"
    " a.default_billing_address_id IS NOT DISTINCT FROM d.id AS default_billing"
    " FROM \"user\".addresses d JOIN \"user\".accounts a ON a.id = d.user_id WHERE d.user_id = $1 ";

}  // namespace

std::vector<Address> addresses(soci::session& sql, const std::string& user_id) {
  return prepared::run(sql, std::string(kSelectAddress) + "ORDER BY d.id", {user_id}).all<Address>();
}

std::optional<Address> address(soci::session& sql, const std::string& user_id, const std::string& id) {
  return first_row<Address>(prepared::run(sql, std::string(kSelectAddress) + "AND d.id = $2", {user_id, id}));
}

void insert_address(soci::session& sql, const std::string& user_id, const Address& a, Timestamp now) {
  prepared::run(
      sql,
      "INSERT INTO \"user\".addresses (id, user_id, label, recipient, line1, line2, city, region, postal_code,"
      " country, phone, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)",
      {a.id, user_id, a.label, a.recipient, a.line1, a.line2, a.city, a.region, a.postal_code, a.country, a.phone,
       now});
}

void update_address(soci::session& sql, const std::string& user_id, const Address& a, Timestamp now) {
  prepared::run(sql,
                "UPDATE \"user\".addresses SET label = $1, recipient = $2, line1 = $3, line2 = $4, city = $5,"
                " region = $6, postal_code = $7, country = $8, phone = $9, updated_at = $10"
                " WHERE id = $11 AND user_id = $12",
                {a.label, a.recipient, a.line1, a.line2, a.city, a.region, a.postal_code, a.country, a.phone, now, a.id,
                 user_id});
}

bool delete_address(soci::session& sql, const std::string& user_id, const std::string& id) {
  return prepared::run(sql, "DELETE FROM \"user\".addresses WHERE id = $1 AND user_id = $2", {id, user_id})
             .affected() == 1;
}

long long count_addresses(soci::session& sql, const std::string& user_id) {
  return prepared::run(sql, "SELECT count(*) AS n FROM \"user\".addresses WHERE user_id = $1", {user_id})
      .get<long long>(0, "n");
}

void delete_all_addresses(soci::session& sql, const std::string& user_id) {
  prepared::run(sql, "DELETE FROM \"user\".addresses WHERE user_id = $1", {user_id});
}

std::optional<Preferences> preferences(soci::session& sql, const std::string& user_id) {
  return first_row<Preferences>(
      prepared::run(sql,
                    "SELECT language, COALESCE(currency, '') AS currency,"
                    " ARRAY(SELECT jsonb_array_elements_text(channels -> 'order')) AS order_channels,"
                    " ARRAY(SELECT jsonb_array_elements_text(channels -> 'marketing')) AS marketing_channels,"
                    " ARRAY(SELECT jsonb_array_elements_text(channels -> 'security')) AS security_channels,"
                    " marketing_consent FROM \"user\".preferences WHERE user_id = $1",
                    {user_id}));
}

std::optional<Timestamp> marketing_consent_at(soci::session& sql, const std::string& user_id) {
  const auto rows =
      prepared::run(sql, "SELECT marketing_consent_at FROM \"user\".preferences WHERE user_id = $1", {user_id});
  if (rows.empty()) return std::nullopt;
  return rows.get<std::optional<Timestamp>>(0, "marketing_consent_at");
}

void save_preferences(soci::session& sql, const std::string& user_id, const Preferences& p,
                      std::optional<Timestamp> consent_at, Timestamp now) {
  const auto currency = p.currency.empty() ? std::nullopt : std::optional<std::string>(p.currency);
  prepared::run(sql,
                "INSERT INTO \"user\".preferences (user_id, language, currency, channels, marketing_consent,"
                " marketing_consent_at, updated_at) VALUES ($1, $2, $3,"
                " jsonb_build_object('order', $4::text[], 'marketing', $5::text[], 'security', $6::text[]), $7, $8, $9)"
                " ON CONFLICT (user_id) DO UPDATE SET language = EXCLUDED.language, currency = EXCLUDED.currency,"
                " channels = EXCLUDED.channels, marketing_consent = EXCLUDED.marketing_consent,"
                " marketing_consent_at = EXCLUDED.marketing_consent_at, updated_at = EXCLUDED.updated_at",
                {user_id, p.language, currency, p.order_channels, p.marketing_channels, p.security_channels,
                 p.marketing_consent, consent_at, now});
}

void delete_preferences(soci::session& sql, const std::string& user_id) {
  prepared::run(sql, "DELETE FROM \"user\".preferences WHERE user_id = $1", {user_id});
}

void audit(soci::session& sql, const AuditEntry& e) {
  const auto target = e.target_id.empty() ? std::nullopt : std::optional<std::string>(e.target_id);
  prepared::run(sql,
                "INSERT INTO \"user\".audit_log (actor_id, action, target_id, details, at) VALUES ($1, $2, $3, $4, $5)",
                {e.actor_id, e.action, target, e.details, e.at});
}

std::vector<AuditEntry> audit_log(soci::session& sql, std::size_t limit, long long before_id) {
  return prepared::run(sql,
                       "SELECT id, actor_id, action, COALESCE(target_id::text, '') AS target_id, details, at"
                       " FROM \"user\".audit_log WHERE id < $1 ORDER BY id DESC LIMIT $2",
                       {before_id, static_cast<std::int64_t>(limit)})
      .all<AuditEntry>();
}

}  // namespace agora::user::profile_store
