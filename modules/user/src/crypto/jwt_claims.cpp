#include "crypto/jwt_claims.hpp"

namespace agora::user {
namespace {

DateClaim date(const boost::json::object& claims, std::string_view name) {
  const auto* v = claims.if_contains(name);
  if (!v) return {};
  if (!v->is_number()) return {true, std::nullopt};
  const double seconds = v->to_number<double>();
  return {true, Timestamp(std::chrono::duration_cast<Timestamp::duration>(std::chrono::duration<double>(seconds)))};
}

}  // namespace

Claims registered_claims(const boost::json::object& claims) {
  Claims c;
  c.issuer = string_claim(claims, "iss");
  c.audience = claim_strings(claims, "aud");
  c.expires = date(claims, "exp");
  c.not_before = date(claims, "nbf");
  c.issued_at = date(claims, "iat");
  c.subject = string_claim(claims, "sub").value_or("");
  return c;
}

std::vector<std::string> claim_strings(const boost::json::object& claims, std::string_view path) {
  const boost::json::object* node = &claims;
  const boost::json::value* v = nullptr;
  while (true) {
    const auto dot = path.find('.');
    v = node->if_contains(path.substr(0, dot));
    if (!v || dot == std::string_view::npos) break;
    if (!v->is_object()) return {};
    node = &v->get_object();
    path = path.substr(dot + 1);
  }
  std::vector<std::string> out;
  if (!v) return out;
  if (v->is_string()) out.emplace_back(v->get_string());
  if (v->is_array())
    for (const auto& s : v->get_array())
      if (s.is_string()) out.emplace_back(s.get_string());
  return out;
}

std::optional<std::string> string_claim(const boost::json::object& claims, std::string_view name) {
  const auto* v = claims.if_contains(name);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->get_string());
}

bool true_claim(const boost::json::object& claims, std::string_view name) {
  const auto* v = claims.if_contains(name);
  return v && v->is_bool() && v->get_bool();
}

}  // namespace agora::user
