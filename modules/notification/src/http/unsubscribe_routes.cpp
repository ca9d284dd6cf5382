#include "http/unsubscribe_routes.hpp"

#include <agora/core/error.hpp>

namespace agora::notification {

void add_unsubscribe_routes(http::Router& router, UnsubscribeLinks& links) {
  router.add(http::Method::post, std::string(kUnsubscribePath), [&links](const http::Request& req) {
    const auto user = req.query_param("user");
    const auto token = req.query_param("token");
    std::vector<FieldError> missing;
    if (!user || user->empty()) missing.push_back({"user", "is required"});
    if (!token || token->empty()) missing.push_back({"token", "is required"});
    if (!missing.empty()) throw Error(ErrorKind::validation, "not an unsubscribe link", missing);
    links.unsubscribe(std::string(*user), std::string(*token));
    return http::Response::json({{"unsubscribed", true}});
  });
}

}  // namespace agora::notification
