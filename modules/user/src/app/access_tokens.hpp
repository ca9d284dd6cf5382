#pragma once
// Our access tokens: short-lived JWTs signed by the key ring, verified without a database trip.
#include "app/key_ring.hpp"
#include "crypto/jwt.hpp"

#include <agora/core/http.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace agora::user {

struct AccessTokenOptions {
  std::string issuer;
  std::string audience;
  std::chrono::seconds ttl{900};
  std::chrono::seconds leeway{30};
};

class AccessTokens {
 public:
  AccessTokens(KeyRing& keys, const Clock& clock, AccessTokenOptions options);
  // sid: the refresh family (login session) the token belongs to.
  std::string issue(const std::string& user_id, const std::vector<std::string>& roles, const std::string& sid);
  // Throws Error{unauthorized} for a bad signature, unknown key or broken claim.
  http::Principal verify(const DecodedJwt& token);
  const AccessTokenOptions& options() const { return options_; }

 private:
  KeyRing& keys_;
  const Clock& clock_;
  AccessTokenOptions options_;
};

}  // namespace agora::user
