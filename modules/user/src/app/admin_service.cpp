#include "app/admin_service.hpp"

#include "store/account_store.hpp"
#include "store/profile_store.hpp"
#include "store/token_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>
#include <agora/user/api.hpp>
#include <agora/user/events.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

namespace agora::user {
namespace {

Error no_user(const std::string& id) { return Error(ErrorKind::not_found, "no user with id " + id); }

}  // namespace

bool is_role(std::string_view name) {
  static constexpr std::string_view kAll[] = {kCustomer, kSupport, kCatalogManager, kWarehouse, kOrderManager, kAdmin};
  return std::find(std::begin(kAll), std::end(kAll), name) != std::end(kAll);
}

std::vector<std::string> validate_roles(const std::vector<std::string>& roles) {
  std::vector<std::string> out{std::string(kCustomer)};
  std::vector<FieldError> unknown;
  for (std::size_t i = 0; i < roles.size(); ++i) {
    const auto& r = roles[i];
    if (!is_role(r))
      unknown.push_back({"roles[" + std::to_string(i) + "]",
                         "must be customer, support, catalog_manager, warehouse, order_manager or admin"});
    else if (std::find(out.begin(), out.end(), r) == out.end())
      out.push_back(r);
  }
  if (!unknown.empty()) throw Error(ErrorKind::validation, "unknown roles", std::move(unknown));
  return out;
}

AdminService::AdminService(Database& db, const Clock& clock, TokenGate& gate) : db_(db), clock_(clock), gate_(gate) {}

std::vector<Account> AdminService::search(const AccountQuery& query) {
  auto conn = db_.acquire();
  return account_store::search(*conn, query);
}

Account AdminService::get(const std::string& user_id) {
  auto conn = db_.acquire();
  auto a = is_uuid(user_id) ? account_store::by_id(*conn, user_id) : std::nullopt;
  if (!a) throw no_user(user_id);
  return *a;
}

// Loads the account for update, applies change(tx, account, details), saves it, audits and publishes.
template <class Change>
Account AdminService::change(const std::string& actor_id, const std::string& user_id, const std::string& action,
                             Change&& change) {
  auto changed = db_.transact([&](Tx& tx) {
    auto a = is_uuid(user_id) ? account_store::by_id(tx.sql(), user_id, true) : std::nullopt;
    if (!a || a->status == "deleted") throw no_user(user_id);
    boost::json::object details;
    change(tx, *a, details);
    a->updated_at = clock_.now();
    account_store::update(tx.sql(), *a);
    profile_store::audit(tx.sql(), {0, actor_id, action, a->id, boost::json::serialize(details), clock_.now()});
    tx.publish(events::Updated{a->id, {action}});
    return *a;
  });
  // Other instances forget the user's standing when the notice of user.updated reaches them; this
  // one at once, so that the administrator's next request already sees the change.
  gate_.forget(changed.id);
  return changed;
}

Account AdminService::lock(const std::string& actor_id, const std::string& user_id, const std::string& reason) {
  if (actor_id == user_id) throw Error(ErrorKind::conflict, "administrators cannot lock themselves out");
  return change(actor_id, user_id, "lock", [&](Tx& tx, Account& a, boost::json::object& details) {
    a.status = "locked";
    a.locked_reason = reason;
    details["reason"] = reason;
    token_store::revoke_all(tx.sql(), a.id, clock_.now());
    account_store::cut_tokens(tx.sql(), a.id, clock_.now());
  });
}

Account AdminService::unlock(const std::string& actor_id, const std::string& user_id) {
  return change(actor_id, user_id, "unlock", [&](Tx&, Account& a, boost::json::object&) {
    a.status = "active";
    a.locked_reason.reset();
  });
}

Account AdminService::set_roles(const std::string& actor_id, const std::string& user_id,
                                std::vector<std::string> roles) {
  roles = validate_roles(roles);
  if (actor_id == user_id && std::find(roles.begin(), roles.end(), kAdmin) == roles.end())
    throw Error(ErrorKind::conflict, "administrators cannot remove their own admin role");
  return change(actor_id, user_id, "roles", [&](Tx& tx, Account& a, boost::json::object& details) {
    details["from"] = boost::json::array(a.roles.begin(), a.roles.end());
    details["to"] = boost::json::array(roles.begin(), roles.end());
    // Tokens name the roles they grant: those carrying a role taken away stop working now.
    const bool removed = std::any_of(a.roles.begin(), a.roles.end(), [&](const auto& r) {
      return std::find(roles.begin(), roles.end(), r) == roles.end();
    });
    if (removed) account_store::cut_tokens(tx.sql(), a.id, clock_.now());
    a.roles = roles;
  });
}

std::vector<AuditEntry> AdminService::audit_log(std::size_t limit, long long before_id) {
  auto conn = db_.acquire();
  return profile_store::audit_log(*conn, limit, before_id);
}

void AdminService::key_rotated(const std::string& actor_id, const std::string& kid) {
  const auto details = boost::json::serialize(boost::json::object{{"kid", kid}});
  db_.transact([&](Tx& tx) {
    profile_store::audit(tx.sql(), {0, actor_id, "rotate_signing_key", "", details, clock_.now()});
  });
}

}  // namespace agora::user
