#include "http/unsubscribe_routes.hpp"

#include <agora/core/error.hpp>

namespace agora::notification {
namespace {

constexpr std::string_view kLinkParameters = R"json([
  {"name": "user", "in": "query", "required": true, "description": "The user's id, as the link has it",
   "schema": {"type": "string"}},
  {"name": "token", "in": "query", "required": true, "description": "The link's signature of the user's id",
   "schema": {"type": "string"}}
])json";

constexpr std::string_view kUnsubscribed = R"json({
  "type": "object",
  "required": ["unsubscribed"],
  "properties": {"unsubscribed": {"const": true}}
})json";

}  // namespace

void add_unsubscribe_routes(http::Router& router, UnsubscribeLinks& links) {
  router.add(
      http::Method::post, std::string(kUnsubscribePath),
      [&links](const http::Request& req) {
        const auto user = req.query_param("user");
        const auto token = req.query_param("token");
        std::vector<FieldError> missing;
        if (!user || user->empty()) missing.push_back({"user", "is required"});
        if (!token || token->empty()) missing.push_back({"token", "is required"});
        if (!missing.empty()) throw Error(ErrorKind::validation, "not an unsubscribe link", missing);
        links.unsubscribe(std::string(*user), std::string(*token));
        return http::Response::json({{"unsubscribed", true}});
      },
      {.doc = {.summary =
                   "A marketing email's one-click unsubscribe (RFC 8058): withdraws the user's marketing consent; "
                   "403 for a link this shop did not make",
               .response = std::string(kUnsubscribed),
               .parameters = std::string(kLinkParameters),
               .problems = {403}}});
}

}  // namespace agora::notification
