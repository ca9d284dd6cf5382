#pragma once
// Statements for "user".accounts and "user".external_identities.
#include "domain/account.hpp"

#include <agora/core/clock.hpp>

#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace agora::user {
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
bool link_external(soci::session& sql, const std::string& issuer, const std::string& subject,
                   const std::string& user_id);

}  // namespace account_store
}  // namespace agora::user
