#pragma once
// The AuthService driven directly, beside a real server on the same database and clock: for what
// HTTP from the test cannot vary (the client address) or show (how much password work was done).
#include "app/access_tokens.hpp"
#include "app/auth_service.hpp"
#include "app/key_ring.hpp"
#include "app/mfa_service.hpp"
#include "crypto/key_encryption.hpp"
#include "crypto/password.hpp"
#include "harness/problems.hpp"
#include "user_app.hpp"

#include <agora/core/error.hpp>

#include <functional>
#include <map>
#include <string>

namespace agora::user::test {

struct AuthFixture {
  explicit AuthFixture(HashingLimits limits = {}, AuthOptions options = {},
                       std::map<std::string, std::string> config = {})
      : u(std::move(config)), hasher({}, limits), auth(u.db(), u.clock, hasher, tokens, mfa, std::move(options)) {
    keys.refresh();
  }

  UserApp u;
  PasswordHasher hasher;  // the server's default cost: a login never re-hashes
  KeyEncryption kek{kKeyEncryptionKey, ""};
  KeyRing keys{u.db(), u.clock, kek, {}};
  AccessTokens tokens{keys, u.clock, {.issuer = "http://localhost:8080", .audience = "agora"}};
  MfaService mfa{u.db(), u.clock, "Agora"};
  AuthService auth;

  unsigned long long hashing_done() const { return hasher.slots().load().operations; }
};

using agora::test::error_kind_of;

}  // namespace agora::user::test
