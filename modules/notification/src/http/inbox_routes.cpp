#include "http/inbox_routes.hpp"

#include "http/inbox_json.hpp"

namespace agora::notification {

void add_inbox_routes(http::Router& router, Inbox& inbox, InboxStream& stream) {
  using http::Method;
  using http::Request;
  using http::Response;
  router.add(Method::get, "/api/v1/notifications",
             [&inbox](const Request& req) {
               return Response::json(inbox_page_json(inbox.list(req.user().user_id, req.page_limit(),
                                                                std::string(req.query_param("cursor").value_or("")))));
             },
             {.auth = true});
  router.add(Method::get, "/api/v1/notifications/unread_count",
             [&inbox](const Request& req) {
               return Response::json({{"unread", inbox.unread(req.user().user_id)}});
             },
             {.auth = true});
  router.add(Method::post, "/api/v1/notifications/{id}/read",
             [&inbox](const Request& req) {
               inbox.mark_read(req.user().user_id, req.param("id"));
               return Response::empty();
             },
             {.auth = true});
  router.add(Method::post, "/api/v1/notifications/read_all",
             [&inbox](const Request& req) {
               return Response::json({{"marked", inbox.mark_all_read(req.user().user_id)}});
             },
             {.auth = true});
  router.websocket("/api/v1/notifications/stream",
                   [&stream](const Request& req, std::shared_ptr<http::WebSocket> ws) {
                     std::optional<std::string> after;
                     if (const auto a = req.query_param("after")) after = std::string(*a);
                     return stream.connect(req.user().user_id, after, std::move(ws));
                   },
                   {.auth = true});
}

}  // namespace agora::notification
