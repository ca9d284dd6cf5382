#pragma once
// Statements for addresses, preferences and the admin audit log.
#include "domain/audit.hpp"
#include "domain/profile.hpp"

#include <agora/core/clock.hpp>
#include <agora/user/api.hpp>

#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace agora::user {
namespace profile_store {

// Addresses are always read and written through their owner: another user's id finds nothing.
// default_shipping/default_billing are filled from the account's defaults.
std::vector<Address> addresses(soci::session& sql, const std::string& user_id);
std::optional<Address> address(soci::session& sql, const std::string& user_id, const std::string& id);
void insert_address(soci::session& sql, const std::string& user_id, const Address& a, Timestamp now);
void update_address(soci::session& sql, const std::string& user_id, const Address& a, Timestamp now);
bool delete_address(soci::session& sql, const std::string& user_id, const std::string& id);
long long count_addresses(soci::session& sql, const std::string& user_id);
void delete_all_addresses(soci::session& sql, const std::string& user_id);

std::optional<Preferences> preferences(soci::session& sql, const std::string& user_id);
std::optional<Timestamp> marketing_consent_at(soci::session& sql, const std::string& user_id);
// consent_at: when marketing consent was last given or withdrawn.
void save_preferences(soci::session& sql, const std::string& user_id, const Preferences& p,
                      std::optional<Timestamp> consent_at, Timestamp now);
void delete_preferences(soci::session& sql, const std::string& user_id);

void audit(soci::session& sql, const AuditEntry& e);
std::vector<AuditEntry> audit_log(soci::session& sql, std::size_t limit, long long before_id);

}  // namespace profile_store
}  // namespace agora::user
