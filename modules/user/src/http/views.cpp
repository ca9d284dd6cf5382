#include "http/views.hpp"

#include <agora/core/error.hpp>

namespace agora::user {
namespace {

boost::json::value nullable(const std::optional<std::string>& v) {
  if (!v) return nullptr;
  return boost::json::value(*v);
}

boost::json::array strings(const std::vector<std::string>& v) { return boost::json::array(v.begin(), v.end()); }

}  // namespace

boost::json::object account_view(const Account& a) {
  return {{"id", a.id},
          {"email", a.email},
          {"email_verified", a.email_verified},
          {"name", a.name},
          {"phone", nullable(a.phone)},
          {"locale", nullable(a.locale)},
          {"preferred_currency", nullable(a.preferred_currency)},
          {"roles", strings(a.roles)},
          {"status", a.status},
          {"mfa_enabled", a.mfa_enabled},
          {"created_at", to_rfc3339(a.created_at)},
          {"updated_at", to_rfc3339(a.updated_at)}};
}

boost::json::object address_view(const Address& a) {
  return {{"id", a.id},         {"label", a.label},     {"recipient", a.recipient},
          {"line1", a.line1},   {"line2", a.line2},     {"city", a.city},
          {"region", a.region}, {"postal_code", a.postal_code}, {"country", a.country},
          {"phone", a.phone},   {"default_shipping", a.default_shipping}, {"default_billing", a.default_billing}};
}

boost::json::object preferences_view(const PreferencesView& v) {
  const auto& p = v.preferences;
  return {{"language", p.language},
          {"currency", p.currency.empty() ? boost::json::value(nullptr) : boost::json::value(p.currency)},
          {"channels",
           {{"order", strings(p.order_channels)},
            {"marketing", strings(p.marketing_channels)},
            {"security", strings(p.security_channels)}}},
          {"marketing_consent", p.marketing_consent},
          {"marketing_consent_at",
           v.marketing_consent_at ? boost::json::value(to_rfc3339(*v.marketing_consent_at)) : boost::json::value(nullptr)}};
}

boost::json::object audit_view(const AuditEntry& e) {
  return {{"id", std::to_string(e.id)},
          {"actor_id", e.actor_id},
          {"action", e.action},
          {"target_id", e.target_id.empty() ? boost::json::value(nullptr) : boost::json::value(e.target_id)},
          {"details", e.details},
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
