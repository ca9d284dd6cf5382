#pragma once
// Access tokens of an external OIDC issuer (Keycloak, or any provider that does social login):
// verified by its JWKS (cached, refetched on an unknown kid); the user is provisioned on first sight.
#include "crypto/jwt.hpp"
#include "crypto/signing_key.hpp"

#include <agora/core/clock.hpp>
#include <agora/core/http.hpp>

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace agora {
class Database;
}

namespace agora::user {

struct ExternalIssuerOptions {
  std::string issuer;                     // the "iss" its tokens carry
  std::string jwks_url;
  std::string audience;                   // "" accepts any
  std::string roles_claim = "realm_access.roles";
  std::vector<std::string> role_map;      // "their-role=our_role"; our own role names map to themselves
  std::chrono::seconds jwks_ttl{3600};
  std::chrono::seconds refetch_min{10};   // an unknown kid refetches at most this often
  std::chrono::seconds leeway{30};
};

class ExternalIssuer {
 public:
  ExternalIssuer(Database& db, const Clock& clock, ExternalIssuerOptions options);
  const std::string& issuer() const { return options_.issuer; }
  // Throws Error{unauthorized}; the principal's user id is ours, its roles mapped from the claim.
  http::Principal verify(const DecodedJwt& token);

 private:
  std::optional<SigningKey> key(const std::string& kid);
  void fetch_jwks();
  std::string provision(const boost::json::object& claims, const std::vector<std::string>& roles);
  std::vector<std::string> map_roles(const boost::json::object& claims) const;

  Database& db_;
  const Clock& clock_;
  ExternalIssuerOptions options_;
  std::mutex mutex_;
  std::map<std::string, SigningKey> keys_;
  Timestamp fetched_at_{};
  std::map<std::string, std::string> users_;  // subject -> our user id
};

}  // namespace agora::user
