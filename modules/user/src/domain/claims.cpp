#include "domain/claims.hpp"

#include <agora/core/error.hpp>

namespace agora::user {
namespace {

[[noreturn]] void reject(const std::string& why) { throw Error(ErrorKind::unauthorized, "invalid access token: " + why); }

// A NumericDate claim as a time point; nullopt when absent.
std::optional<Timestamp> numeric_date(const boost::json::object& claims, std::string_view name) {
  const auto* v = claims.if_contains(name);
  if (!v) return std::nullopt;
  if (!v->is_number()) reject(std::string(name) + " is not a number");
  const double seconds = v->to_number<double>();
  return Timestamp(std::chrono::duration_cast<Timestamp::duration>(std::chrono::duration<double>(seconds)));
}

bool audience_matches(const boost::json::value& aud, std::string_view expected) {
  if (aud.is_string()) return aud.get_string() == expected;
  if (aud.is_array())
    for (const auto& a : aud.get_array())
      if (a.is_string() && a.get_string() == expected) return true;
  return false;
}

}  // namespace

void check_claims(const boost::json::object& claims, const ClaimRules& rules, Timestamp now) {
  const auto* iss = claims.if_contains("iss");
  if (!iss || !iss->is_string() || iss->get_string() != rules.issuer) reject("wrong issuer");
  if (!rules.audience.empty()) {
    const auto* aud = claims.if_contains("aud");
    if (!aud || !audience_matches(*aud, rules.audience)) reject("wrong audience");
  }
  const auto exp = numeric_date(claims, "exp");
  if (!exp) reject("no expiry");
  if (*exp + rules.leeway <= now) reject("expired");
  if (const auto nbf = numeric_date(claims, "nbf"); nbf && *nbf - rules.leeway > now) reject("not yet valid");
  if (const auto iat = numeric_date(claims, "iat"); iat && *iat - rules.leeway > now) reject("issued in the future");
  const auto* sub = claims.if_contains("sub");
  if (!sub || !sub->is_string() || sub->get_string().empty()) reject("no subject");
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

}  // namespace agora::user
