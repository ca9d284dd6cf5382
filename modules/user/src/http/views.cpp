#include "http/views.hpp"

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

std::optional<std::string> password_field(Fields& f, std::string_view key) {
  const auto* v = f.raw(key);
  if (!v || v->is_null()) {
    f.fail(std::string(key), "is required");
    return std::nullopt;
  }
  if (!v->is_string() || v->get_string().empty()) {
    f.fail(std::string(key), "must be a non-empty string");
    return std::nullopt;
  }
  return std::string(v->get_string());
}

std::optional<std::string> email_field(Fields& f) { return f.text("email", 320, true, false, true); }

}  // namespace agora::user
