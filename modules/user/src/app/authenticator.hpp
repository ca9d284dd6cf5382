#pragma once
// The router's authenticator: a Bearer token from us or from the configured external issuer.
#include "app/access_tokens.hpp"
#include "app/external_issuer.hpp"

#include <agora/core/http.hpp>

namespace agora::user {

class TokenAuthenticator final : public http::Authenticator {
 public:
  TokenAuthenticator(AccessTokens& ours, ExternalIssuer* external) : ours_(ours), external_(external) {}
  std::optional<http::Principal> authenticate(const http::Request& request) override;

 private:
  AccessTokens& ours_;
  ExternalIssuer* external_;  // null when none is configured
};

}  // namespace agora::user
