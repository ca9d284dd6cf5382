#include "events/admin_routes.hpp"

#include <charconv>
#include <optional>

namespace agora {
namespace {

// What the dead-letter list answers, as JSON Schema for the API document.
constexpr std::string_view kDeadLetterPage = R"json({
  "type": "object",
  "required": ["items", "next_cursor"],
  "properties": {
    "items": {
      "type": "array",
      "items": {
        "type": "object",
        "description": "An event one subscriber gave up on after its retries",
        "required": ["id", "subscriber", "attempts", "last_error", "failed_at", "event"],
        "properties": {
          "id": {"type": "string", "description": "The dead letter's number, for replay"},
          "subscriber": {"type": "string"},
          "attempts": {"type": "integer"},
          "last_error": {"type": "string"},
          "failed_at": {"type": "string", "format": "date-time"},
          "event": {
            "type": "object",
            "description": "The event's envelope, as the outbox and Kafka carry it",
            "required": ["id", "type", "version", "topic", "key", "occurred_at", "region", "trace_id", "traceparent",
                         "payload"],
            "properties": {
              "id": {"type": "string", "format": "uuid"},
              "type": {"type": "string", "examples": ["order.created"]},
              "version": {"type": "integer"},
              "topic": {"type": "string"},
              "key": {"type": "string"},
              "occurred_at": {"type": "string", "format": "date-time"},
              "region": {"type": "string"},
              "trace_id": {"type": "string"},
              "traceparent": {"type": "string"},
              "payload": {"type": "object"}
            }
          }
        }
      }
    },
    "next_cursor": {"type": ["string", "null"], "description": "The cursor of the next page; null on the last"}
  }
})json";

constexpr std::string_view kDeadLetterQuery = R"json([
  {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}},
  {"name": "cursor", "in": "query", "description": "next_cursor of the page before", "schema": {"type": "string"}}
])json";

constexpr std::string_view kReplayed = R"json({
  "type": "object",
  "required": ["id", "status"],
  "properties": {"id": {"type": "string"}, "status": {"const": "replayed"}}
})json";

std::optional<long long> non_negative(std::string_view text) {
  long long v = -1;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || p != text.data() + text.size() || v < 0) return std::nullopt;
  return v;
}

}  // namespace

void add_event_admin_routes(http::Router& router, EventBus& bus) {
  router.add(http::Method::get, "/api/v1/admin/events/dead-letters",
             [&bus](const http::Request& req) {
               std::vector<FieldError> errors;
               const long long limit = req.page_limit(errors, 50, 500);
               const auto cursor = non_negative(req.query_param("cursor").value_or("0"));
               if (!cursor) errors.push_back({"cursor", "is not a next_cursor of this list"});
               if (!errors.empty()) throw Error(ErrorKind::validation, "invalid dead-letter query", std::move(errors));
               const auto letters = bus.dead_letters(static_cast<std::size_t>(limit), *cursor);
               boost::json::array items;
               for (const auto& d : letters)
                 items.push_back({{"id", std::to_string(d.id)},
                                  {"subscriber", d.subscriber},
                                  {"attempts", d.attempts},
                                  {"last_error", d.last_error},
                                  {"failed_at", to_rfc3339(d.failed_at)},
                                  {"event", d.event.envelope()}});
               boost::json::value next = nullptr;
               if (static_cast<long long>(letters.size()) == limit) next = std::to_string(letters.back().id);
               return http::Response::json({{"items", std::move(items)}, {"next_cursor", next}});
             },
             {.auth = true,
              .roles = {"admin"},
              .doc = {.summary = "Events a subscriber gave up on, oldest first",
                      .response = std::string(kDeadLetterPage),
                      .parameters = std::string(kDeadLetterQuery)}});

  router.add(http::Method::post, "/api/v1/admin/events/dead-letters/{id}/replay",
             [&bus](const http::Request& req) {
               // An id that is not a number names no dead letter.
               const auto id = non_negative(req.param("id"));
               if (!id || !bus.replay(*id))
                 throw Error(ErrorKind::not_found, "no dead letter " + std::string(req.param("id")));
               return http::Response::json({{"id", std::to_string(*id)}, {"status", "replayed"}}, 202);
             },
             {.auth = true,
              .roles = {"admin"},
              .doc = {.summary = "Hands a dead letter back to its subscriber",
                      .response = std::string(kReplayed),
                      .status = 202}});
}

}  // namespace agora
