#include "http/inbox_routes.hpp"

#include "http/inbox_json.hpp"
#include "http/page_query.hpp"

namespace agora::notification {
namespace {

// What the inbox answers, as JSON Schema for the API document.
constexpr std::string_view kInboxItem = R"json({
  "type": "object",
  "description": "An in-app notification.",
  "required": ["id", "template", "title", "body", "data", "created_at", "read_at"],
  "properties": {
    "id": {"type": "string", "format": "uuid"},
    "template": {"type": "string", "examples": ["order_shipped"]},
    "title": {"type": "string"},
    "body": {"type": "string"},
    "data": {"type": "object", "description": "The values it was written with (the order's number, ...)"},
    "created_at": {"type": "string", "format": "date-time"},
    "read_at": {"type": ["string", "null"], "format": "date-time"}
  }
})json";

constexpr std::string_view kInboxPage = R"json({
  "type": "object",
  "required": ["items", "next_cursor", "unread"],
  "properties": {
    "items": {"type": "array", "items": {"$ref": "#/components/schemas/NotificationInboxItem"}},
    "next_cursor": {"type": ["string", "null"], "description": "The cursor of the next page; null on the last"},
    "unread": {"type": "integer", "description": "Unread notifications in all"}
  }
})json";

constexpr std::string_view kUnreadCount = R"json({
  "type": "object",
  "required": ["unread"],
  "properties": {"unread": {"type": "integer"}}
})json";

constexpr std::string_view kMarked = R"json({
  "type": "object",
  "required": ["marked"],
  "properties": {"marked": {"type": "integer", "description": "How many were unread"}}
})json";

constexpr std::string_view kPageParameters = R"json([
  {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
  {"name": "cursor", "in": "query", "description": "next_cursor of the page before", "schema": {"type": "string"}}
])json";

}  // namespace

void add_inbox_routes(http::Router& router, Inbox& inbox, InboxStream& stream) {
  using http::Method;
  using http::Request;
  using http::Response;
  router.schema("NotificationInboxItem", kInboxItem);
  router.add(Method::get, "/api/v1/notifications",
             [&inbox](const Request& req) {
               std::vector<FieldError> errors;
               const auto page = page_query(req, errors);
               if (!errors.empty()) throw Error(ErrorKind::validation, "invalid page query", std::move(errors));
               return Response::json(inbox_page_json(inbox.list(req.user().user_id, page.limit, page.cursor)));
             },
             {.auth = true,
              .doc = {.summary = "The signed-in user's in-app notifications, newest first",
                      .response = std::string(kInboxPage),
                      .parameters = std::string(kPageParameters)}});
  router.add(
      Method::get, "/api/v1/notifications/unread_count",
      [&inbox](const Request& req) {
        return Response::json({{"unread", inbox.unread(req.user().user_id)}});
      },
      {.auth = true,
       .doc = {.summary = "How many of the user's notifications are unread", .response = std::string(kUnreadCount)}});
  router.add(Method::post, "/api/v1/notifications/{id}/read",
             [&inbox](const Request& req) {
               inbox.mark_read(req.user().user_id, req.param("id"));
               return Response::empty();
             },
             {.auth = true, .doc = {.summary = "Marks one of the user's notifications read (again: no change)"}});
  router.add(Method::post, "/api/v1/notifications/read_all",
             [&inbox](const Request& req) {
               return Response::json({{"marked", inbox.mark_all_read(req.user().user_id)}});
             },
             {.auth = true,
              .doc = {.summary = "Marks every notification of the user read", .response = std::string(kMarked)}});
  router.websocket("/api/v1/notifications/stream",
                   [&stream](const Request& req, std::shared_ptr<http::WebSocket> ws) {
                     std::optional<std::string> after;
                     if (const auto a = req.query_param("after")) after = std::string(*a);
                     return stream.connect(req.user().user_id, after, std::move(ws));
                   },
                   {.auth = true,
                    // ?after= is told in the summary: test/core/openapi_test.cpp wants access_token first.
                    .doc = {.summary = "The user's notifications live, as JSON text frames: hello {unread}, then a "
                                       "notification {notification} for each new one (with ?after=<id>: first those "
                                       "stored after it), gap when more was missed (reload the list)"}});
}

}  // namespace agora::notification
