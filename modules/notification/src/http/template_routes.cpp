#include "http/template_routes.hpp"

#include "http/template_json.hpp"

#include <agora/user/api.hpp>

namespace agora::notification {
namespace {

TemplateId id_of(const http::Request& req) { return {req.param("name"), req.param("channel"), req.param("locale")}; }

}  // namespace

void add_template_routes(http::Router& router, TemplateAdmin& templates) {
  using http::Method;
  using http::Request;
  using http::Response;
  static const http::RouteOptions kAdmins{.roles = {std::string(user::kAdmin)}};
  const std::string one = "/api/v1/admin/notifications/templates/{name}/{channel}/{locale}";
  router.add(
      Method::get, "/api/v1/admin/notifications/templates",
      [&templates](const Request&) {
        boost::json::array items;
        for (const auto& e : templates.list()) items.push_back(template_entry_json(e));
        return Response::json({{"items", std::move(items)}});
      },
      kAdmins);
  router.add(
      Method::get, one,
      [&templates](const Request& req) { return Response::json(template_entry_json(templates.get(id_of(req)))); },
      kAdmins);
  router.add(
      Method::put, one,
      [&templates](const Request& req) {
        const auto parts = template_from_json(req.json());
        return Response::json(template_entry_json(templates.save(id_of(req), parts, req.user().user_id)));
      },
      kAdmins);
  router.add(
      Method::del, one,
      [&templates](const Request& req) {
        templates.remove(id_of(req));
        return Response::empty();
      },
      kAdmins);
  router.add(
      Method::post, "/api/v1/admin/notifications/templates/preview",
      [&templates](const Request& req) {
        return Response::json(rendered_json(templates.preview(preview_from_json(req.json()))));
      },
      kAdmins);
}

}  // namespace agora::notification
