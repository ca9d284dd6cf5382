#pragma once
// SOCI statements for "user".accounts and "user".external_identities.
#include <agora/core/clock.hpp>

#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace agora::user {

struct Account {
  std::string id;
  std::string email;
  bool email_verified = false;
  std::optional<std::string> password_hash;
  std::string name;
  std::optional<std::string> phone, locale, preferred_currency;
  std::vector<std::string> roles;
  std::string status = "active";
  std::optional<std::string> locked_reason;
  std::optional<std::string> default_shipping_address_id, default_billing_address_id;
  Timestamp created_at, updated_at;
  bool mfa_enabled = false;  // read-only: from "user".mfa_totp
};

// What decides whether an account's access tokens are honoured.
struct TokenStanding {
  std::string status;                    // active, locked, deleted
  std::optional<Timestamp> not_before;   // tokens issued earlier are refused
};

struct AccountQuery {
  std::string text;    // matches email or name, case-insensitive; "" matches all
  std::string role;    // "" for any
  std::string status;  // "" for any
  std::size_t limit = 50;
  std::string after_id;  // cursor: ids are UUIDv7, so this pages in creation order
};

namespace account_store {

std::optional<Account> by_id(soci::session& sql, const std::string& id, bool for_update = false);
std::optional<Account> by_email(soci::session& sql, const std::string& email);
// False when the email is taken.
bool insert(soci::session& sql, const Account& a);
// Writes every mutable column of a (profile, roles, status, verification, password, defaults).
void update(soci::session& sql, const Account& a);
std::vector<Account> search(soci::session& sql, const AccountQuery& q);

std::optional<TokenStanding> token_standing(soci::session& sql, const std::string& id);
// Refuses the account's access tokens issued before `at` (never moves the cut back).
void cut_tokens(soci::session& sql, const std::string& id, Timestamp at);

std::optional<std::string> external_user(soci::session& sql, const std::string& issuer, const std::string& subject);
// False when (issuer, subject) is already linked (a concurrent first sight).
bool link_external(soci::session& sql, const std::string& issuer, const std::string& subject, const std::string& user_id);

}  // namespace account_store
}  // namespace agora::user
