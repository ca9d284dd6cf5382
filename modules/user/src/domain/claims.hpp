#pragma once
// The registered JWT claims every accepted access token must satisfy (RFC 7519 §4.1). Pure.
#include <agora/core/clock.hpp>
#include <boost/json/object.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace agora::user {

struct ClaimRules {
  std::string issuer;
  std::string audience;  // "" accepts any audience
  std::chrono::seconds leeway{30};
};

// Throws Error{unauthorized} naming the first rule broken: iss, aud (string or array), exp
// (required), nbf, iat in the future, sub (required).
void check_claims(const boost::json::object& claims, const ClaimRules& rules, Timestamp now);

// The strings at a dotted claim path ("realm_access.roles"): a string or an array of strings.
std::vector<std::string> claim_strings(const boost::json::object& claims, std::string_view path);

}  // namespace agora::user
