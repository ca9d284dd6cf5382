#include "http/profile_json.hpp"
#include "http/routes.hpp"
#include "http/views.hpp"

#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>
#include <agora/user/api.hpp>

#include <charconv>

namespace agora::user {
namespace {

using http::Method;
using http::Request;
using http::Response;

const http::RouteOptions kAdminOnly{.auth = true, .roles = {std::string(user::kAdmin)}};
const http::RouteOptions kStaff{.auth = true, .roles = {std::string(user::kAdmin), std::string(user::kSupport)}};

std::size_t limit_of(const Request& req) {
  const auto text = req.query_param("limit").value_or("50");
  std::size_t n = 0;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || p != text.data() + text.size() || n < 1 || n > 200)
    throw Error(ErrorKind::bad_request, "invalid limit", {{"limit", "must be between 1 and 200"}});
  return n;
}

std::string query(const Request& req, std::string_view name, std::size_t max = 200) {
  std::string v(req.query_param(name).value_or(""));
  if (v.size() > max)
    throw Error(ErrorKind::bad_request, "invalid " + std::string(name), {{std::string(name), "is too long"}});
  return v;
}

}  // namespace

void add_admin_routes(http::Router& router, RouteServices& s) {
  router.add(
      Method::get, "/api/v1/admin/users",
      [&s](const Request& req) {
        AccountQuery q{query(req, "q"), query(req, "role"), query(req, "status"), limit_of(req), query(req, "cursor")};
        if (!q.after_id.empty() && !is_uuid(q.after_id))
          throw Error(ErrorKind::bad_request, "invalid cursor", {{"cursor", "is not a cursor from this list"}});
        const auto found = s.admin.search(q);
        boost::json::array items;
        for (const auto& a : found) items.push_back(account_view(a));
        boost::json::value next = nullptr;
        if (found.size() == q.limit) next = found.back().id;
        return Response::json({{"items", std::move(items)}, {"next_cursor", next}});
      },
      kStaff);

  router.add(
      Method::get, "/api/v1/admin/users/{id}",
      [&s](const Request& req) {
        const auto account = s.admin.get(req.param("id"));
        auto view = account_view(account);
        if (account.locked_reason) view["locked_reason"] = *account.locked_reason;
        return Response::json(view);
      },
      kStaff);

  router.add(
      Method::post, "/api/v1/admin/users/{id}/lock",
      [&s](const Request& req) {
        std::string reason;
        if (!req.body.empty()) {
          const auto body = req.json();
          if (body.is_object() && body.get_object().contains("reason")) reason = required_string(body, "reason", 500);
        }
        return Response::json(account_view(s.admin.lock(req.user().user_id, req.param("id"), reason)));
      },
      kAdminOnly);

  router.add(
      Method::post, "/api/v1/admin/users/{id}/unlock",
      [&s](const Request& req) {
        return Response::json(account_view(s.admin.unlock(req.user().user_id, req.param("id"))));
      },
      kAdminOnly);

  router.add(
      Method::put, "/api/v1/admin/users/{id}/roles",
      [&s](const Request& req) {
        const auto body = req.json();
        const auto* roles = body.is_object() ? body.get_object().if_contains("roles") : nullptr;
        if (!roles || !roles->is_array())
          throw Error(ErrorKind::validation, "roles are required", {{"roles", "must be an array of role names"}});
        std::vector<std::string> names;
        for (const auto& r : roles->get_array()) {
          if (!r.is_string())
            throw Error(ErrorKind::validation, "roles must be strings", {{"roles", "must be strings"}});
          names.emplace_back(r.get_string());
        }
        return Response::json(account_view(s.admin.set_roles(req.user().user_id, req.param("id"), names)));
      },
      kAdminOnly);

  router.add(
      Method::get, "/api/v1/admin/audit",
      [&s](const Request& req) {
        long long before = std::numeric_limits<long long>::max();
        if (const auto c = req.query_param("cursor")) {
          const auto [p, ec] = std::from_chars(c->data(), c->data() + c->size(), before);
          if (ec != std::errc{} || p != c->data() + c->size())
            throw Error(ErrorKind::bad_request, "invalid cursor", {{"cursor", "is not a cursor from this list"}});
        }
        const auto limit = limit_of(req);
        const auto entries = s.admin.audit_log(limit, before);
        boost::json::array items;
        for (const auto& e : entries) items.push_back(audit_view(e));
        boost::json::value next = nullptr;
        if (entries.size() == limit) next = std::to_string(entries.back().id);
        return Response::json({{"items", std::move(items)}, {"next_cursor", next}});
      },
      kAdminOnly);

  router.add(
      Method::post, "/api/v1/admin/auth/keys/rotate",
      [&s](const Request& req) {
        const auto kid = s.keys.rotate();
        s.admin.key_rotated(req.user().user_id, kid);
        return Response::json({{"kid", kid}}, 201);
      },
      kAdminOnly);
}

}  // namespace agora::user
