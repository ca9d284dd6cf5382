#include "http/delivery_routes.hpp"

#include "http/delivery_json.hpp"

#include <agora/user/api.hpp>

namespace agora::notification {
namespace {

// What the deliveries answer, as JSON Schema for the API document (GET /api/v1/openapi.json).
constexpr std::string_view kMessage = R"json({
  "type": "object",
  "description": "A message sent (or to be sent) on one channel, and what became of it.",
  "required": ["id", "channel", "recipient", "user_id", "template", "locale", "event_id", "event_type", "status",
               "attempts", "subject", "provider_id", "last_error", "created_at", "sent_at", "delivered_at"],
  "properties": {
    "id": {"type": "string", "format": "uuid"},
    "channel": {"enum": ["email", "sms", "push", "in_app"]},
    "recipient": {"type": "string", "description": "The email address, phone number, device token or user id"},
    "user_id": {"type": ["string", "null"], "format": "uuid", "description": "null for a guest"},
    "template": {"type": "string", "examples": ["order_placed"]},
    "locale": {"type": "string", "examples": ["de-AT"]},
    "event_id": {"type": "string", "description": "The event it was sent for"},
    "event_type": {"type": "string", "examples": ["order.placed"]},
    "status": {"enum": ["queued", "sending", "sent", "delivered", "failed", "bounced"]},
    "attempts": {"type": "integer"},
    "subject": {"type": ["string", "null"]},
    "provider_id": {"type": ["string", "null"], "description": "The provider's id for it (SMTP queue id, Twilio SID, FCM name)"},
    "last_error": {"type": ["string", "null"]},
    "created_at": {"type": "string", "format": "date-time"},
    "sent_at": {"type": ["string", "null"], "format": "date-time"},
    "delivered_at": {"type": ["string", "null"], "format": "date-time"}
  }
})json";

constexpr std::string_view kMessagePage = R"json({
  "type": "object",
  "required": ["items", "next_cursor"],
  "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/NotificationMessage"}},
    "next_cursor": {"type": ["string", "null"], "description": "The cursor of the next page; null on the last"}
  }
})json";

constexpr std::string_view kMessageQuery = R"json([
  {"name": "status", "in": "query", "schema": {"enum": ["queued", "sending", "sent", "delivered", "failed", "bounced"]}},
  {"name": "channel", "in": "query", "schema": {"enum": ["email", "sms", "push", "in_app"]}},
  {"name": "template", "in": "query", "schema": {"type": "string", "maxLength": 320}},
  {"name": "recipient", "in": "query", "description": "Exactly", "schema": {"type": "string", "maxLength": 320}},
  {"name": "user_id", "in": "query", "schema": {"type": "string", "format": "uuid"}},
  {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
  {"name": "cursor", "in": "query", "description": "next_cursor of the page before", "schema": {"type": "string"}}
])json";

constexpr std::string_view kMessageRef = R"json({"$ref": "#/components/schemas/NotificationMessage"})json";

}  // namespace

void add_delivery_routes(http::Router& router, Deliveries& deliveries) {
  using http::Method;
  using http::Request;
  using http::Response;
  const std::vector<std::string> admins{std::string(user::kAdmin)};
  router.schema("NotificationMessage", kMessage);
  router.schema("NotificationMessagePage", kMessagePage);
  router.add(Method::get, "/api/v1/admin/notifications/messages",
             [&deliveries](const Request& req) {
               const auto q = message_query(req);
               return Response::json(message_page_json(deliveries.list(q.filter, q.page.limit, q.page.cursor)));
             },
             {.roles = admins,
              .doc = {.summary = "Messages sent or to be sent, newest first, filtered",
                      .response = R"({"$ref": "#/components/schemas/NotificationMessagePage"})",
                      .parameters = std::string(kMessageQuery)}});
  router.add(
      Method::get, "/api/v1/admin/notifications/messages/{id}",
      [&deliveries](const Request& req) { return Response::json(message_json(deliveries.get(req.param("id")))); },
      {.roles = admins, .doc = {.summary = "A message and what became of it", .response = std::string(kMessageRef)}});
  router.add(Method::post, "/api/v1/admin/notifications/messages/{id}/resend",
             [&deliveries](const Request& req) {
               return Response::json(message_json(deliveries.resend(req.param("id"))), 201);
             },
             {.roles = admins,
              .doc = {.summary = "Sends a message again, as a new message (not an in-app one: it stays in the inbox)",
                      .response = std::string(kMessageRef),
                      .status = 201,
                      .problems = {409}}});
}

}  // namespace agora::notification
