#include "events/admin_routes.hpp"

#include <charconv>

namespace agora {
namespace {

long long parse_non_negative(std::string_view text, std::string_view field) {
  long long v = -1;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || p != text.data() + text.size() || v < 0)
    throw Error(ErrorKind::bad_request, "invalid " + std::string(field),
                {{std::string(field), "must be a non-negative integer"}});
  return v;
}

}  // namespace

void add_event_admin_routes(http::Router& router, EventBus& bus) {
  const http::RouteOptions admin{.auth = true, .roles = {"admin"}};

  router.add(
      http::Method::get, "/api/v1/admin/events/dead-letters",
      [&bus](const http::Request& req) {
        long long limit = 50, cursor = 0;
        if (auto v = req.query_param("limit")) limit = parse_non_negative(*v, "limit");
        if (auto v = req.query_param("cursor")) cursor = parse_non_negative(*v, "cursor");
        if (limit < 1 || limit > 500)
          throw Error(ErrorKind::bad_request, "invalid limit", {{"limit", "must be between 1 and 500"}});
        const auto letters = bus.dead_letters(static_cast<std::size_t>(limit), cursor);
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
      admin);

  router.add(
      http::Method::post, "/api/v1/admin/events/dead-letters/{id}/replay",
      [&bus](const http::Request& req) {
        const long long id = parse_non_negative(req.param("id"), "id");
        if (!bus.replay(id)) throw Error(ErrorKind::not_found, "no dead letter " + std::to_string(id));
        return http::Response::json({{"id", std::to_string(id)}, {"status", "replayed"}}, 202);
      },
      admin);
}

}  // namespace agora
