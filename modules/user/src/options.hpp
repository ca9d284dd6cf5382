#pragma once
// The user module's config section [auth] (with [auth.external]) and the options read from it.
#include "app/access_tokens.hpp"
#include "app/auth_service.hpp"
#include "app/external_issuer.hpp"
#include "app/key_ring.hpp"
#include "crypto/key_encryption.hpp"
#include "crypto/password.hpp"

#include <agora/core/config.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace agora::user {

struct Options {
  AuthOptions auth;
  AccessTokenOptions tokens;
  KeyRingOptions keys;
  KeyEncryption key_encryption;
  PasswordCost password_cost;
  HashingLimits hashing;
  std::string totp_issuer;
  std::chrono::milliseconds reset_dispatch{1000};  // queued password reset requests are mailed this often
  std::optional<ExternalIssuerOptions> external;   // when auth.external.issuer is set
};

// Every key of [auth] with its type, default, range and meaning.
ConfigSection config_section();
// Reads the section; throws ConfigError naming the keys whose values do not go together (production
// without a key-encryption secret, hashing that could hold every HTTP worker, ...).
Options read_options(const Config& c);

}  // namespace agora::user
