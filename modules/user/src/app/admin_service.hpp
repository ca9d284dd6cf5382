#pragma once
// What administrators do to accounts: search, lock, unlock, change roles. Every action is
// written to the audit log in the transaction that makes it; locking and taking a role away also
// refuse the access tokens already issued (see TokenGate).
#include "app/token_gate.hpp"
#include "domain/account.hpp"
#include "domain/audit.hpp"

#include <string>
#include <vector>

namespace agora {
class Database;
}

namespace agora::user {

class AdminService {
 public:
  AdminService(Database& db, const Clock& clock, TokenGate& gate);

  std::vector<Account> search(const AccountQuery& query);
  Account get(const std::string& user_id);
  Account lock(const std::string& actor_id, const std::string& user_id, const std::string& reason);
  Account unlock(const std::string& actor_id, const std::string& user_id);
  Account set_roles(const std::string& actor_id, const std::string& user_id, std::vector<std::string> roles);
  std::vector<AuditEntry> audit_log(std::size_t limit, long long before_id);
  // Writes the rotation of the token signing key to the audit log.
  void key_rotated(const std::string& actor_id, const std::string& kid);

 private:
  template <class Change>
  Account change(const std::string& actor_id, const std::string& user_id, const std::string& action, Change&& change);
  Database& db_;
  const Clock& clock_;
  TokenGate& gate_;
};

bool is_role(std::string_view name);  // one of the roles in agora/user/api.hpp
// Throws Error{validation} naming each entry ("roles[1]") that is no role; returns them
// de-duplicated, customer first.
std::vector<std::string> validate_roles(const std::vector<std::string>& roles);

}  // namespace agora::user
