#include "store/account_store.hpp"

#include "store/first_row.hpp"

#include <agora/core/prepared.hpp>

namespace agora::user::account_store {
namespace {

constexpr std::string_view kSelect =
    "SELECT a.id, a.email, a.email_verified, a.password_hash, a.name, a.phone, a.locale, a.preferred_currency,"
    " a.roles, a.status, a.locked_reason, a.default_shipping_address_id, a.default_billing_address_id, a.created_at,"
    " a.updated_at,"
    " EXISTS (SELECT 1 FROM \"user\".mfa_totp m WHERE m.user_id = a.id AND m.confirmed_at IS NOT NULL) AS mfa_enabled"
    " FROM \"user\".accounts a ";

}  // namespace

std::optional<Account> by_id(soci::session& sql, const std::string& id, bool for_update) {
  const auto where = for_update ? "WHERE a.id = $1 FOR UPDATE OF a" : "WHERE a.id = $1";
  return first_row<Account>(prepared::run(sql, std::string(kSelect) + where, {id}));
}

std::optional<Account> by_email(soci::session& sql, const std::string& email) {
  return first_row<Account>(prepared::run(sql, std::string(kSelect) + "WHERE a.email = $1", {email}));
}

bool insert(soci::session& sql, const Account& a) {
  return prepared::run(sql,
                       "INSERT INTO \"user\".accounts (id, email, email_verified, password_hash, name, roles, status,"
                       " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $7)"
                       " ON CONFLICT (email) DO NOTHING",
                       {a.id, a.email, a.email_verified, a.password_hash, a.name, a.roles, a.created_at})
             .affected() == 1;
}

void update(soci::session& sql, const Account& a) {
  prepared::run(
      sql,
      "UPDATE \"user\".accounts SET email = $1, email_verified = $2, password_hash = $3, name = $4, phone = $5,"
      " locale = $6, preferred_currency = $7, roles = $8, status = $9, locked_reason = $10,"
      " default_shipping_address_id = $11, default_billing_address_id = $12, updated_at = $13 WHERE id = $14",
      {a.email, a.email_verified, a.password_hash, a.name, a.phone, a.locale, a.preferred_currency, a.roles, a.status,
       a.locked_reason, a.default_shipping_address_id, a.default_billing_address_id, a.updated_at, a.id});
}

std::vector<Account> search(soci::session& sql, const AccountQuery& q) {
  std::string pattern = "%";
  for (char c : q.text) {
    if (c == '%' || c == '_' || c == '\\') pattern.push_back('\\');
    pattern.push_back(c);
  }
  pattern.push_back('%');
  const std::string after = q.after_id.empty() ? "00000000-0000-0000-0000-000000000000" : q.after_id;
  return prepared::run(sql,
                       std::string(kSelect) +
                           "WHERE a.id > $1 AND (a.email ILIKE $2 OR a.name ILIKE $2)"
                           " AND ($3 = '' OR $3 = ANY (a.roles)) AND ($4 = '' OR a.status = $4)"
                           " ORDER BY a.id LIMIT $5",
                       {after, pattern, q.role, q.status, static_cast<std::int64_t>(q.limit)})
      .all<Account>();
}

std::optional<TokenStanding> token_standing(soci::session& sql, const std::string& id) {
  return first_row<TokenStanding>(
      prepared::run(sql, "SELECT status, tokens_not_before AS not_before FROM \"user\".accounts WHERE id = $1", {id}));
}

void cut_tokens(soci::session& sql, const std::string& id, Timestamp at) {
  // Whole seconds, like a token's iat: a token issued in the second of the cut is honoured (at worst
  // an old one of that same second), rather than refusing a fresh login made right after it.
  prepared::run(sql,
                "UPDATE \"user\".accounts SET tokens_not_before = greatest(tokens_not_before,"
                " date_trunc('second', $1::timestamptz)) WHERE id = $2",
                {at, id});
}

std::optional<std::string> external_user(soci::session& sql, const std::string& issuer, const std::string& subject) {
  const auto rows = prepared::run(
      sql, "SELECT user_id FROM \"user\".external_identities WHERE issuer = $1 AND subject = $2", {issuer, subject});
  if (rows.empty()) return std::nullopt;
  return rows.get<std::string>(0, "user_id");
}

bool link_external(soci::session& sql, const std::string& issuer, const std::string& subject,
                   const std::string& user_id) {
  return prepared::run(sql,
                       "INSERT INTO \"user\".external_identities (issuer, subject, user_id) VALUES ($1, $2, $3)"
                       " ON CONFLICT DO NOTHING",
                       {issuer, subject, user_id})
             .affected() == 1;
}

}  // namespace agora::user::account_store
