#include "http/views.hpp"

#include <agora/core/error.hpp>
#include <boost/json/parse.hpp>

namespace agora::user {

boost::json::object audit_view(const AuditEntry& e) {
  return {{"id", std::to_string(e.id)},
          {"actor_id", e.actor_id},
          {"action", e.action},
          {"target_id", e.target_id.empty() ? boost::json::value(nullptr) : boost::json::value(e.target_id)},
          {"details", boost::json::parse(e.details)},
          {"at", to_rfc3339(e.at)}};
}

http::Response token_response(const TokenSet& t) {
  auto r = http::Response::json({{"access_token", t.access_token},
                                 {"token_type", "Bearer"},
                                 {"expires_in", t.expires_in},
                                 {"refresh_token", t.refresh_token}});
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

std::string required_string(const boost::json::value& body, std::string_view field, std::size_t max_bytes) {
  if (!body.is_object()) throw Error(ErrorKind::bad_request, "request body must be a JSON object");
  const auto* v = body.get_object().if_contains(field);
  if (!v || !v->is_string() || v->get_string().empty())
    throw Error(ErrorKind::validation, "missing " + std::string(field), {{std::string(field), "is required"}});
  if (v->get_string().size() > max_bytes)
    throw Error(ErrorKind::validation, std::string(field) + " is too long", {{std::string(field), "is too long"}});
  return std::string(v->get_string());
}

}  // namespace agora::user
