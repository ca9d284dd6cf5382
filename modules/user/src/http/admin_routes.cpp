#include "http/profile_json.hpp"
#include "http/routes.hpp"
#include "http/user_schemas.hpp"
#include "http/views.hpp"

#include <agora/core/error.hpp>
#include <agora/core/fields.hpp>
#include <agora/core/ids.hpp>
#include <agora/user/api.hpp>

#include <charconv>
#include <limits>

namespace agora::user {
namespace {

using http::Method;
using http::Request;
using http::Response;

http::RouteOptions admin_only(http::RouteDoc doc) {
  return {.auth = true, .roles = {std::string(user::kAdmin)}, .doc = std::move(doc)};
}
http::RouteOptions staff(http::RouteDoc doc) {
  return {.auth = true, .roles = {std::string(user::kAdmin), std::string(user::kSupport)}, .doc = std::move(doc)};
}

constexpr int kDefaultPageSize = 50;

std::size_t page_limit(const Request& req, std::vector<FieldError>& errors) {
  return static_cast<std::size_t>(req.page_limit(errors, kDefaultPageSize));
}

// The administrators' account search: ?q=&role=&status=&limit=&cursor=.
AccountQuery account_query(const Request& req) {
  std::vector<FieldError> errors;
  AccountQuery q{.text = std::string(req.query_param("q").value_or("")),
                 .role = std::string(req.query_param("role").value_or("")),
                 .status = std::string(req.query_param("status").value_or("")),
                 .limit = page_limit(req, errors),
                 .after_id = std::string(req.query_param("cursor").value_or(""))};
  if (code_points(q.text) > 200) errors.push_back({"q", "must be at most 200 characters"});
  if (!q.role.empty() && !is_role(q.role))
    errors.push_back({"role", "must be customer, support, catalog_manager, warehouse, order_manager or admin"});
  if (!q.status.empty() && q.status != "active" && q.status != "locked" && q.status != "deleted")
    errors.push_back({"status", "must be active, locked or deleted"});
  if (!q.after_id.empty() && !is_uuid(q.after_id)) errors.push_back({"cursor", "is not a cursor from this list"});
  if (!errors.empty()) throw Error(ErrorKind::validation, "invalid account search", std::move(errors));
  return q;
}

// ?limit=&cursor= of the audit log: the cursor is the id of the last entry seen.
std::pair<std::size_t, long long> audit_page(const Request& req) {
  std::vector<FieldError> errors;
  const auto limit = page_limit(req, errors);
  long long before = std::numeric_limits<long long>::max();
  if (const auto c = req.query_param("cursor")) {
    const auto [p, ec] = std::from_chars(c->data(), c->data() + c->size(), before);
    if (ec != std::errc{} || p != c->data() + c->size()) errors.push_back({"cursor", "is not a cursor from this list"});
  }
  if (!errors.empty()) throw Error(ErrorKind::validation, "invalid audit log page", std::move(errors));
  return {limit, before};
}

// The reason of a lock, from a body that may be left out.
std::string lock_reason(const Request& req) {
  if (req.body.empty()) return "";
  const auto body = req.json();
  Fields f(body);
  auto reason = f.text("reason", 500, false);
  f.finish({"reason"}, "invalid lock");
  return reason.value_or("");
}

// {"roles": [...]}: every entry a string; whether each names a role is the use case's to say.
std::vector<std::string> roles_body(const Request& req) {
  const auto body = req.json();
  Fields f(body);
  std::vector<std::string> names;
  const auto* roles = f.raw("roles");
  if (!roles || roles->is_null())
    f.fail("roles", "is required");
  else if (!roles->is_array())
    f.fail("roles", "must be an array of role names");
  else
    for (std::size_t i = 0; i < roles->get_array().size(); ++i) {
      const auto& r = roles->get_array()[i];
      if (r.is_string())
        names.emplace_back(r.get_string());
      else
        f.fail("roles[" + std::to_string(i) + "]", "must be a role name");
    }
  f.finish({"roles"}, "invalid roles");
  return names;
}

// ?limit=&cursor= of the administrators' lists.
constexpr std::string_view kPage = R"json([
  {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 50}},
  {"name": "cursor", "in": "query", "description": "next_cursor of the page before", "schema": {"type": "string"}}
])json";

constexpr std::string_view kAccountFilters = R"json(
  {"name": "q", "in": "query", "description": "Part of the email or name, any case",
   "schema": {"type": "string", "maxLength": 200}},
  {"name": "role", "in": "query", "schema": {"$ref": "#/components/schemas/UserRole"}},
  {"name": "status", "in": "query", "schema": {"enum": ["active", "locked", "deleted"]}},)json";

}  // namespace

void add_admin_routes(http::Router& router, RouteServices& s) {
  const auto account = schema_ref("UserAccount");
  router.add(
      Method::get, "/api/v1/admin/users",
      [&s](const Request& req) {
        const auto q = account_query(req);
        const auto found = s.admin.search(q);
        boost::json::array items;
        for (const auto& a : found) items.push_back(account_view(a));
        boost::json::value next = nullptr;
        if (found.size() == q.limit) next = found.back().id;
        return Response::json({{"items", std::move(items)}, {"next_cursor", next}});
      },
      staff({.summary = "Accounts by email or name, role and status, oldest first",
             .response = schema_ref("UserAccountList"),
             .parameters = "[" + std::string(kAccountFilters) + std::string(kPage.substr(1))}));

  router.add(
      Method::get, "/api/v1/admin/users/{id}",
      [&s](const Request& req) {
        const auto account = s.admin.get(req.param("id"));
        auto view = account_view(account);
        if (account.locked_reason) view["locked_reason"] = *account.locked_reason;
        return Response::json(view);
      },
      staff({.summary = "An account by id, with why it is locked", .response = account}));

  router.add(
      Method::post, "/api/v1/admin/users/{id}/lock",
      [&s](const Request& req) {
        return Response::json(account_view(s.admin.lock(req.user().user_id, req.param("id"), lock_reason(req))));
      },
      admin_only({.summary = "Locks an account (the body may be left out); its sessions end",
                  .request = std::string(kLockRequest),
                  .response = account,
                  .problems = {409}}));

  router.add(
      Method::post, "/api/v1/admin/users/{id}/unlock",
      [&s](const Request& req) {
        return Response::json(account_view(s.admin.unlock(req.user().user_id, req.param("id"))));
      },
      admin_only({.summary = "Unlocks an account", .response = account}));

  router.add(
      Method::put, "/api/v1/admin/users/{id}/roles",
      [&s](const Request& req) {
        return Response::json(account_view(s.admin.set_roles(req.user().user_id, req.param("id"), roles_body(req))));
      },
      admin_only({.summary = "Sets an account's roles; tokens granting a role taken away stop working",
                  .request = std::string(kRolesRequest),
                  .response = account,
                  .problems = {409}}));

  router.add(
      Method::get, "/api/v1/admin/audit",
      [&s](const Request& req) {
        const auto [limit, before] = audit_page(req);
        const auto entries = s.admin.audit_log(limit, before);
        boost::json::array items;
        for (const auto& e : entries) items.push_back(audit_view(e));
        boost::json::value next = nullptr;
        if (entries.size() == limit) next = std::to_string(entries.back().id);
        return Response::json({{"items", std::move(items)}, {"next_cursor", next}});
      },
      admin_only({.summary = "What administrators did, newest first",
                  .response = std::string(kAuditLog),
                  .parameters = std::string(kPage)}));

  router.add(
      Method::post, "/api/v1/admin/auth/keys/rotate",
      [&s](const Request& req) {
        const auto kid = s.keys.rotate();
        s.admin.key_rotated(req.user().user_id, kid);
        return Response::json({{"kid", kid}}, 201);
      },
      admin_only({.summary = "Starts signing access tokens with a new key (the old one verifies until they expire)",
                  .response = std::string(kSigningKey),
                  .status = 201}));
}

}  // namespace agora::user
