#pragma once
// Identity use cases: registration, the token endpoint's grants, logout, email verification,
// password change and reset. Every failed credential answers the same, whatever the reason, and
// costs the same password work whether the account exists or not.
#include "app/access_tokens.hpp"
#include "app/mfa_service.hpp"
#include "crypto/password.hpp"
#include "domain/account.hpp"
#include "domain/throttle.hpp"

#include <optional>
#include <string>
#include <vector>

namespace agora {
class Database;
}

namespace agora::user {

struct AuthOptions {
  std::chrono::hours refresh_ttl{24 * 30};
  std::chrono::hours verify_email_ttl{48};
  std::chrono::minutes reset_ttl{60};
  std::chrono::minutes mfa_step_ttl{5};
  // Failed logins delay the address they come from, never the account's owner elsewhere: per
  // account and address (guessing one password), and per address (trying many accounts).
  ThrottlePolicy account_throttle{};
  ThrottlePolicy address_throttle{.free_attempts = 100};
};

struct TokenSet {
  std::string access_token;
  long long expires_in = 0;  // seconds
  std::string refresh_token;
};

// A password grant either logs in or asks for the second factor with a short-lived mfa_token.
struct LoginResult {
  std::optional<TokenSet> tokens;
  std::string mfa_token;
};

class AuthService {
 public:
  AuthService(Database& db, const Clock& clock, const PasswordHasher& hasher, AccessTokens& tokens, MfaService& mfa,
              AuthOptions options);

  Account register_user(const std::string& email, const std::string& password, const std::string& name);
  LoginResult password_grant(const std::string& email, const std::string& password, const std::string& client_address);
  TokenSet mfa_grant(const std::string& mfa_token, const std::string& code, const std::string& client_address);
  TokenSet refresh_grant(const std::string& refresh_token);
  void logout(const std::string& refresh_token);  // revokes the token's family; unknown tokens are ignored

  void verify_email(const std::string& token);
  // Queues a reset request: the same work whether the account exists or not.
  void forgot_password(const std::string& email);
  // Mails reset links for a batch of queued requests whose account exists (a background job);
  // true when the batch was full, so more may be waiting.
  bool send_reset_links();
  void reset_password(const std::string& token, const std::string& new_password);
  void change_password(const std::string& user_id, const std::string& current, const std::string& next);

  // Creates an administrator, or makes an existing account one (the CLI's create-admin).
  Account ensure_admin(const std::string& email, const std::string& password);

 private:
  struct ThrottleKey {
    std::string key;
    const ThrottlePolicy& policy;
  };
  void check_not_throttled(const std::vector<ThrottleKey>& keys);
  void record_failure(const std::vector<ThrottleKey>& keys);
  std::vector<ThrottleKey> login_keys(const std::string& email, const std::string& client_address) const;
  TokenSet new_session(Tx& tx, const Account& account);
  TokenSet tokens_for(const Account& account, const std::string& family, const std::string& refresh);
  void finish_password_login(const Account& account, const std::string& password);

  Database& db_;
  const Clock& clock_;
  const PasswordHasher& hasher_;
  AccessTokens& tokens_;
  MfaService& mfa_;
  AuthOptions options_;
};

}  // namespace agora::user
