#include "app/access_tokens.hpp"

#include "crypto/jwt_claims.hpp"

#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>

namespace agora::user {

AccessTokens::AccessTokens(KeyRing& keys, const Clock& clock, AccessTokenOptions options)
    : keys_(keys), clock_(clock), options_(std::move(options)) {}

std::string AccessTokens::issue(const std::string& user_id, const std::vector<std::string>& roles,
                                const std::string& sid) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
  boost::json::array role_array(roles.begin(), roles.end());
  return jwt_sign(keys_.signing_key(), {{"iss", options_.issuer},
                                        {"sub", user_id},
                                        {"aud", options_.audience},
                                        {"iat", now},
                                        {"nbf", now},
                                        {"exp", now + options_.ttl.count()},
                                        {"jti", new_id()},
                                        {"sid", sid},
                                        {"roles", std::move(role_array)}});
}

http::Principal AccessTokens::verify(const DecodedJwt& token) {
  const auto* kid = token.header.if_contains("kid");
  if (!kid || !kid->is_string()) throw Error(ErrorKind::unauthorized, "invalid access token: no key id");
  const auto key = keys_.verifying_key(std::string(kid->get_string()));
  if (!key || !jwt_signature_ok(token, *key))
    throw Error(ErrorKind::unauthorized, "invalid access token: bad signature");
  const auto claims = registered_claims(token.claims);
  check_claims(claims, {options_.issuer, options_.audience, options_.leeway}, clock_.now());
  http::Principal p;
  p.user_id = claims.subject;
  p.roles = claim_strings(token.claims, "roles");
  return p;
}

}  // namespace agora::user
