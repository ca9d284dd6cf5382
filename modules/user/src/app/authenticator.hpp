#pragma once
// The router's authenticator: a Bearer token from us or from the configured external issuer.
// A token that verified once is remembered until it expires, so a client's repeated requests
// skip the signature check (the costly part: an ECDSA verification is ~100 µs).
#include "app/access_tokens.hpp"
#include "app/external_issuer.hpp"

#include <agora/core/http.hpp>

#include <shared_mutex>
#include <unordered_map>

namespace agora::user {

class TokenAuthenticator final : public http::Authenticator {
 public:
  TokenAuthenticator(AccessTokens& ours, ExternalIssuer* external, const Clock& clock)
      : ours_(ours), external_(external), clock_(clock) {}
  std::optional<http::Principal> authenticate(const http::Request& request) override;

 private:
  struct Verified {
    http::Principal principal;
    Timestamp expires;  // exp plus the leeway the verification allowed
  };
  http::Principal verify(std::string_view token);
  std::optional<http::Principal> remembered(std::string_view token);
  void remember(std::string_view token, const http::Principal& p, Timestamp expires);

  static constexpr std::size_t kMaxRemembered = 100000;
  AccessTokens& ours_;
  ExternalIssuer* external_;  // null when none is configured
  const Clock& clock_;
  std::shared_mutex mutex_;
  std::unordered_map<std::string, Verified> verified_;
};

}  // namespace agora::user
