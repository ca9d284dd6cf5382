#pragma once
// One administrator action as the audit log keeps it.
#include <agora/core/clock.hpp>
#include <boost/describe/class.hpp>

#include <string>

namespace agora::user {

struct AuditEntry {
  long long id = 0;
  std::string actor_id;
  std::string action;
  std::string target_id;  // "" when the action concerns no account
  std::string details;    // a JSON object: what the action changed (reason, roles from and to, kid)
  Timestamp at;
};
BOOST_DESCRIBE_STRUCT(AuditEntry, (), (id, actor_id, action, target_id, details, at))

}  // namespace agora::user
