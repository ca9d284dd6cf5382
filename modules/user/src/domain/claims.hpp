#pragma once
// The registered JWT claims every accepted access token must satisfy (RFC 7519 §4.1). Pure: the
// claims arrive read from the token (crypto/jwt_claims.hpp).
#include <agora/core/clock.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace agora::user {

// A NumericDate claim: absent, a time, or present but not a number (which no token may carry).
struct DateClaim {
  bool present = false;
  std::optional<Timestamp> at;  // empty when absent or not a number
};

struct Claims {
  std::optional<std::string> issuer;  // "iss" when it is a string
  std::vector<std::string> audience;  // "aud": the string, or the strings of the array
  DateClaim expires, not_before, issued_at;
  std::string subject;  // "sub" when it is a string, else ""
};

struct ClaimRules {
  std::string issuer;
  std::string audience;  // "" accepts any audience
  std::chrono::seconds leeway{30};
};

// Throws Error{unauthorized} naming the first rule broken: iss, aud (string or array), exp
// (required), nbf, iat in the future, sub (required).
void check_claims(const Claims& claims, const ClaimRules& rules, Timestamp now);

}  // namespace agora::user
