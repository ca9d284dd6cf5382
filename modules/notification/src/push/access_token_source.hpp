#pragma once
// OAuth2 access tokens for FCM from a service account (Google's JWT bearer grant, RFC 7523): a JWT
// signed RS256 with the account's key (iss = client_email, scope = firebase.messaging, aud =
// token_uri, valid an hour) is POSTed form-encoded to the token_uri. A token is kept until shortly
// before it expires, and dropped when FCM refuses it. One exchange at a time: the calls that need a
// token meanwhile wait for it and share it. Neither the key nor a token is ever logged.
#include "push/rs256.hpp"
#include "push/service_account.hpp"

#include <agora/core/clock.hpp>
#include <agora/core/outbound.hpp>

#include <chrono>
#include <mutex>
#include <string>

namespace agora::notification {

inline constexpr std::string_view kFcmScope = "https://www.googleapis.com/auth/firebase.messaging";

class AccessTokenSource {
 public:
  // Throws ConfigError when the account's private key is no RSA key.
  AccessTokenSource(ServiceAccount account, outbound::Destination& oauth, const Clock& clock,
                    std::chrono::milliseconds timeout);

  // A token valid a while yet: the one kept, or a new one. Throws Error{unavailable} when none
  // could be had (the token endpoint down, or refusing the grant).
  std::string token();
  // FCM refused it (401): the next call exchanges again, unless another got a new one meanwhile.
  void forget(const std::string& token);

  // The signed JWT asserting the account at `now`, as the grant sends it.
  std::string assertion(Timestamp now) const;

 private:
  std::string exchange();  // with mutex_ held

  const ServiceAccount account_;
  const Rs256Signer signer_;
  outbound::Destination& oauth_;
  const Clock& clock_;
  const std::chrono::milliseconds timeout_;
  std::mutex mutex_;  // held during an exchange
  std::string token_;
  Timestamp renew_at_;
};

}  // namespace agora::notification
