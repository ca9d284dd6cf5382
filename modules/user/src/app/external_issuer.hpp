#pragma once
// Access tokens of an external OIDC issuer (Keycloak, or any provider that does social login):
// verified by its JWKS (cached, refetched on an unknown kid); the user is provisioned on first sight.
// The JWKS is fetched by one request at a time and at most once per refetch_min, failures
// included: while the provider is down or slow, tokens naming a key we lack fail at once.
#include "crypto/jwt.hpp"
#include "crypto/signing_key.hpp"

#include <agora/core/clock.hpp>
#include <agora/core/http.hpp>
#include <agora/core/outbound.hpp>

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace agora {
class Database;
}

namespace agora::user {

struct Account;

struct ExternalIssuerOptions {
  std::string issuer;  // the "iss" its tokens carry
  std::string jwks_url;
  std::string audience;  // "" accepts any
  std::string roles_claim = "realm_access.roles";
  std::vector<std::string> role_map;  // "their-role=our_role"; nothing else grants a role
  bool same_named_roles = false;      // their roles named like ours map to themselves too
  bool link_by_email = false;         // a verified email links to a customer account that has it
  std::chrono::seconds jwks_ttl{3600};
  std::chrono::seconds refetch_min{10};  // the JWKS is fetched at most this often, failed fetches included
  std::chrono::seconds leeway{30};
};

class ExternalIssuer {
 public:
  // jwks: the destination its key set is fetched through.
  ExternalIssuer(Database& db, const Clock& clock, ExternalIssuerOptions options, outbound::Destination& jwks);
  const std::string& issuer() const { return options_.issuer; }
  // Throws Error{unauthorized}; the principal's user id is ours, its roles mapped from the claim.
  http::Principal verify(const DecodedJwt& token);

 private:
  std::optional<SigningKey> key(const std::string& kid);
  std::map<std::string, SigningKey> fetch_jwks() const;
  bool linkable(const Account& existing) const;
  std::string provision(const std::string& subject, const boost::json::object& claims,
                        const std::vector<std::string>& roles);
  std::vector<std::string> map_roles(const boost::json::object& claims) const;

  Database& db_;
  const Clock& clock_;
  ExternalIssuerOptions options_;
  outbound::Destination& jwks_;
  std::mutex mutex_;
  std::map<std::string, SigningKey> keys_;
  Timestamp fetched_at_{};    // the last successful fetch
  Timestamp attempted_at_{};  // the last fetch started, successful or not
  bool fetching_ = false;
  std::map<std::string, std::string> users_;  // subject -> our user id
};

}  // namespace agora::user
