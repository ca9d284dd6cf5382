#include "store/account_store.hpp"

#include <agora/core/sql_values.hpp>

#include <soci/soci.h>

#include <sstream>

namespace agora::user::account_store {
namespace {

constexpr const char* kColumns =
    "CAST(a.id AS text), a.email, CAST(a.email_verified AS int), a.password_hash, a.name, a.phone, a.locale,"
    " a.preferred_currency, array_to_string(a.roles, ','), a.status, a.locked_reason,"
    " CAST(a.default_shipping_address_id AS text), CAST(a.default_billing_address_id AS text), " AGORA_US("a.created_at")
    ", " AGORA_US("a.updated_at") ","
    " CAST(EXISTS (SELECT 1 FROM \"user\".mfa_totp m WHERE m.user_id = a.id AND m.confirmed_at IS NOT NULL) AS int)"
    " FROM \"user\".accounts a ";

std::optional<std::string> opt(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return r.get<std::string>(i);
}

std::vector<std::string> split_roles(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string role; std::getline(ss, role, ',');)
    if (!role.empty()) out.push_back(role);
  return out;
}

std::string join_roles(const std::vector<std::string>& roles) {
  std::string out;
  for (const auto& r : roles) out += (out.empty() ? "" : ",") + r;
  return out;
}

Account from_row(const soci::row& r) {
  Account a;
  a.id = r.get<std::string>(0);
  a.email = r.get<std::string>(1);
  a.email_verified = r.get<int>(2) != 0;
  a.password_hash = opt(r, 3);
  a.name = r.get<std::string>(4);
  a.phone = opt(r, 5);
  a.locale = opt(r, 6);
  a.preferred_currency = opt(r, 7);
  a.roles = split_roles(r.get<std::string>(8));
  a.status = r.get<std::string>(9);
  a.locked_reason = opt(r, 10);
  a.default_shipping_address_id = opt(r, 11);
  a.default_billing_address_id = opt(r, 12);
  a.created_at = from_micros(r.get<long long>(13));
  a.updated_at = from_micros(r.get<long long>(14));
  a.mfa_enabled = r.get<int>(15) != 0;
  return a;
}

std::optional<Account> one(soci::session& sql, const std::string& where, const std::string& value) {
  soci::rowset<soci::row> rows = (sql.prepare << std::string("SELECT ") + kColumns + where, soci::use(value));
  for (const auto& r : rows) return from_row(r);
  return std::nullopt;
}

}  // namespace

std::optional<Account> by_id(soci::session& sql, const std::string& id, bool for_update) {
  return one(sql, std::string("WHERE a.id = CAST(:id AS uuid)") + (for_update ? " FOR UPDATE OF a" : ""), id);
}

std::optional<Account> by_email(soci::session& sql, const std::string& email) {
  return one(sql, "WHERE a.email = :email", email);
}

bool insert(soci::session& sql, const Account& a) {
  const auto roles = join_roles(a.roles);
  const auto created = micros(a.created_at);
  const int verified = a.email_verified ? 1 : 0;
  auto hash = nullable(a.password_hash);
  soci::statement st =
      (sql.prepare << "INSERT INTO \"user\".accounts (id, email, email_verified, password_hash, name, roles, status,"
                      " created_at, updated_at) VALUES (CAST(:id AS uuid), :email, CAST(:verified AS boolean), :hash,"
                      " :name, string_to_array(:roles, ','), 'active', " AGORA_TS(":created") ", " AGORA_TS(":updated")
                      ") ON CONFLICT (email) DO NOTHING",
       soci::use(a.id), soci::use(a.email), soci::use(verified), soci::use(hash.value, hash.ind),
       soci::use(a.name), soci::use(roles), soci::use(created), soci::use(created));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void update(soci::session& sql, const Account& a) {
  const auto roles = join_roles(a.roles);
  const auto updated = micros(a.updated_at);
  const int verified = a.email_verified ? 1 : 0;
  auto hash = nullable(a.password_hash), phone = nullable(a.phone), locale = nullable(a.locale),
       currency = nullable(a.preferred_currency), reason = nullable(a.locked_reason),
       ship = nullable(a.default_shipping_address_id), bill = nullable(a.default_billing_address_id);
  sql << "UPDATE \"user\".accounts SET email = :email, email_verified = CAST(:verified AS boolean),"
         " password_hash = :hash, name = :name, phone = :phone, locale = :locale, preferred_currency = :currency,"
         " roles = string_to_array(:roles, ','), status = :status, locked_reason = :reason,"
         " default_shipping_address_id = CAST(:ship AS uuid), default_billing_address_id = CAST(:bill AS uuid),"
         " updated_at = " AGORA_TS(":updated") " WHERE id = CAST(:id AS uuid)",
      soci::use(a.email), soci::use(verified), soci::use(hash.value, hash.ind), soci::use(a.name),
      soci::use(phone.value, phone.ind), soci::use(locale.value, locale.ind), soci::use(currency.value, currency.ind),
      soci::use(roles), soci::use(a.status), soci::use(reason.value, reason.ind), soci::use(ship.value, ship.ind),
      soci::use(bill.value, bill.ind), soci::use(updated), soci::use(a.id);
}

std::vector<Account> search(soci::session& sql, const AccountQuery& q) {
  std::string pattern = "%";
  for (char c : q.text) {
    if (c == '%' || c == '_' || c == '\\') pattern.push_back('\\');
    pattern.push_back(c);
  }
  pattern.push_back('%');
  const long long limit = static_cast<long long>(q.limit);
  const std::string after = q.after_id.empty() ? "00000000-0000-0000-0000-000000000000" : q.after_id;
  // Placeholders bind by position, each once.
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string("SELECT ") + kColumns +
                          "WHERE a.id > CAST(:after AS uuid)"
                          " AND (a.email ILIKE :p1 OR a.name ILIKE :p2)"
                          " AND (:r1 = '' OR :r2 = ANY (a.roles)) AND (:s1 = '' OR a.status = :s2)"
                          " ORDER BY a.id LIMIT :limit",
       soci::use(after), soci::use(pattern), soci::use(pattern), soci::use(q.role), soci::use(q.role),
       soci::use(q.status), soci::use(q.status), soci::use(limit));
  std::vector<Account> out;
  for (const auto& r : rows) out.push_back(from_row(r));
  return out;
}

std::optional<TokenStanding> token_standing(soci::session& sql, const std::string& id) {
  soci::rowset<soci::row> rows = (sql.prepare << "SELECT status, " AGORA_US("tokens_not_before")
                                                 " FROM \"user\".accounts WHERE id = CAST(:id AS uuid)",
                                  soci::use(id));
  for (const auto& r : rows) {
    TokenStanding s{r.get<std::string>(0), std::nullopt};
    if (r.get_indicator(1) != soci::i_null) s.not_before = from_micros(r.get<long long>(1));
    return s;
  }
  return std::nullopt;
}

void cut_tokens(soci::session& sql, const std::string& id, Timestamp at) {
  const auto us = micros(at);
  // Whole seconds, like a token's iat: a token issued in the second of the cut is honoured (at worst
  // an old one of that same second), rather than refusing a fresh login made right after it.
  sql << "UPDATE \"user\".accounts SET tokens_not_before = greatest(tokens_not_before, date_trunc('second', " AGORA_TS(":at") "))"
         " WHERE id = CAST(:id AS uuid)",
      soci::use(us), soci::use(id);
}

std::optional<std::string> external_user(soci::session& sql, const std::string& issuer, const std::string& subject) {
  std::string id;
  soci::indicator i = soci::i_null;
  sql << "SELECT CAST(user_id AS text) FROM \"user\".external_identities WHERE issuer = :iss AND subject = :sub",
      soci::use(issuer), soci::use(subject), soci::into(id, i);
  if (!sql.got_data() || i != soci::i_ok) return std::nullopt;
  return id;
}

bool link_external(soci::session& sql, const std::string& issuer, const std::string& subject, const std::string& user_id) {
  soci::statement st = (sql.prepare << "INSERT INTO \"user\".external_identities (issuer, subject, user_id)"
                                       " VALUES (:iss, :sub, CAST(:uid AS uuid)) ON CONFLICT DO NOTHING",
                        soci::use(issuer), soci::use(subject), soci::use(user_id));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace agora::user::account_store
