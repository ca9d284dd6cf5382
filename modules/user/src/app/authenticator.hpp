#pragma once
// The router's authenticator: a Bearer token from us or from the configured external issuer.
// A token that verified once is remembered until it expires, so a client's repeated requests
// skip the signature check (the costly part: an ECDSA verification is ~100 µs). Every request,
// remembered or not, passes the token gate: a locked account or a revoked token is refused at once.
#include "app/access_tokens.hpp"
#include "app/external_issuer.hpp"
#include "app/token_gate.hpp"

#include <agora/core/http.hpp>

#include <shared_mutex>
#include <unordered_map>

namespace agora::user {

class TokenAuthenticator final : public http::Authenticator {
 public:
  TokenAuthenticator(AccessTokens& ours, ExternalIssuer* external, TokenGate& gate, const Clock& clock)
      : ours_(ours), external_(external), gate_(gate), clock_(clock) {}
  std::optional<http::Principal> authenticate(const http::Request& request) override;

 private:
  struct Verified {
    http::Principal principal;
    Timestamp issued_at;  // iat; the epoch when the token has none
    Timestamp expires;    // exp plus the leeway the verification allowed
  };
  Verified verify(std::string_view token);
  std::optional<Verified> remembered(std::string_view token);
  void remember(std::string_view token, const Verified& v);

  static constexpr std::size_t kMaxRemembered = 100000;
  AccessTokens& ours_;
  ExternalIssuer* external_;  // null when none is configured
  TokenGate& gate_;
  const Clock& clock_;
  std::shared_mutex mutex_;
  std::unordered_map<std::string, Verified> verified_;
};

}  // namespace agora::user
