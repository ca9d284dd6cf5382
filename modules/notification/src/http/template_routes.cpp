#include "http/template_routes.hpp"

#include "http/template_json.hpp"

#include <agora/user/api.hpp>

namespace agora::notification {
namespace {

TemplateId id_of(const http::Request& req) { return {req.param("name"), req.param("channel"), req.param("locale")}; }

// What the template routes read and answer, as JSON Schema for the API document.
constexpr std::string_view kTemplate = R"json({
  "type": "object",
  "description": "A message template (Mustache) for one name, channel and locale: an admin's, or the one shipped.",
  "required": ["name", "channel", "locale", "found_locale", "source", "subject", "text", "html", "updated_at",
               "updated_by"],
  "properties": {
    "name": {"type": "string", "examples": ["order_placed"]},
    "channel": {"enum": ["email", "sms", "push", "in_app"]},
    "locale": {"type": "string", "examples": ["de-AT"]},
    "found_locale": {"type": "string", "description": "The locale along the fallback chain it was found in (de-AT, de, en)"},
    "source": {"enum": ["default", "custom"], "description": "custom: an admin's"},
    "subject": {"type": "string", "description": "The email's subject, the push or in-app title; unused for SMS"},
    "text": {"type": "string"},
    "html": {"type": "string", "description": "Email only"},
    "updated_at": {"type": ["string", "null"], "format": "date-time"},
    "updated_by": {"type": ["string", "null"], "format": "uuid", "description": "The admin who saved it"}
  }
})json";

constexpr std::string_view kTemplates = R"json({
  "type": "object",
  "required": ["items"],
  "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/NotificationTemplate"}}}
})json";

// The parts a PUT or a preview's own template gives: each may be empty, render() says what a channel needs.
constexpr std::string_view kTemplateParts = R"json({
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "subject": {"type": "string", "maxLength": 1000, "description": "One line once rendered"},
    "text": {"type": "string", "maxLength": 20000},
    "html": {"type": "string", "maxLength": 200000}
  }
})json";

constexpr std::string_view kPreviewRequest = R"json({
  "type": "object",
  "additionalProperties": false,
  "required": ["name", "channel", "locale"],
  "properties": {
    "name": {"type": "string", "minLength": 1, "maxLength": 100, "examples": ["order_placed"]},
    "channel": {"enum": ["email", "sms", "push", "in_app"]},
    "locale": {"type": "string", "minLength": 1, "maxLength": 35, "examples": ["en"]},
    "template": {"anyOf": [{"$ref": "#/components/schemas/NotificationTemplateParts"}, {"type": "null"}],
                 "description": "The parts to render; absent or null: the template messages get"},
    "data": {"type": ["object", "null"], "description": "The values to render with; absent or null: the name's sample values"}
  }
})json";

constexpr std::string_view kRendered = R"json({
  "type": "object",
  "required": ["subject", "text", "html"],
  "properties": {"subject": {"type": "string"}, "text": {"type": "string"}, "html": {"type": "string"}}
})json";

constexpr std::string_view kTemplateRef = R"json({"$ref": "#/components/schemas/NotificationTemplate"})json";

}  // namespace

void add_template_routes(http::Router& router, TemplateAdmin& templates) {
  using http::Method;
  using http::Request;
  using http::Response;
  const std::vector<std::string> admins{std::string(user::kAdmin)};
  const std::string one = "/api/v1/admin/notifications/templates/{name}/{channel}/{locale}";
  router.schema("NotificationTemplate", kTemplate);
  router.schema("NotificationTemplateParts", kTemplateParts);
  router.add(Method::get, "/api/v1/admin/notifications/templates",
             [&templates](const Request&) {
               boost::json::array items;
               for (const auto& e : templates.list()) items.push_back(template_entry_json(e));
               return Response::json({{"items", std::move(items)}});
             },
             {.roles = admins,
              .doc = {.summary = "Every template, shipped or saved by an admin", .response = std::string(kTemplates)}});
  router.add(
      Method::get, one,
      [&templates](const Request& req) { return Response::json(template_entry_json(templates.get(id_of(req)))); },
      {.roles = admins,
       .doc = {.summary = "The template a message of that name, channel and locale gets",
               .response = std::string(kTemplateRef)}});
  router.add(Method::put, one,
             [&templates](const Request& req) {
               const auto parts = template_from_json(req.json());
               return Response::json(template_entry_json(templates.save(id_of(req), parts, req.user().user_id)));
             },
             {.roles = admins,
              .doc = {.summary = "Saves an admin's template, once it renders its name's sample values",
                      .request = R"({"$ref": "#/components/schemas/NotificationTemplateParts"})",
                      .response = std::string(kTemplateRef)}});
  router.add(Method::del, one,
             [&templates](const Request& req) {
               templates.remove(id_of(req));
               return Response::empty();
             },
             {.roles = admins, .doc = {.summary = "Deletes an admin's template: the shipped one is used again"}});
  router.add(
      Method::post, "/api/v1/admin/notifications/templates/preview",
      [&templates](const Request& req) {
        return Response::json(rendered_json(templates.preview(preview_from_json(req.json()))));
      },
      {.roles = admins,
       .doc = {.summary = "Renders a template (the one given, or the one messages get) with values (given, or samples)",
               .request = std::string(kPreviewRequest),
               .response = std::string(kRendered),
               .problems = {404}}});
}

}  // namespace agora::notification
