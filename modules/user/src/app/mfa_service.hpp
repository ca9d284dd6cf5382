#pragma once
// TOTP second factor (RFC 6238): enrolment, confirmation with recovery codes, use, disable.
#include <agora/core/clock.hpp>

#include <string>
#include <vector>

namespace agora {
class Database;
class Tx;
}  // namespace agora

namespace agora::user {

struct TotpSetup {
  std::string secret;  // base32, for manual entry
  std::string otpauth_uri;
};

class MfaService {
 public:
  MfaService(Database& db, const Clock& clock, std::string issuer_name);

  TotpSetup begin(const std::string& user_id);
  // Enables MFA when the code matches; returns the recovery codes (shown once, stored hashed).
  std::vector<std::string> confirm(const std::string& user_id, const std::string& code);
  void disable(const std::string& user_id, const std::string& code);

  // A TOTP code (each time step accepted once) or an unused recovery code, consumed in tx.
  bool verify(Tx& tx, const std::string& user_id, const std::string& code);

 private:
  Database& db_;
  const Clock& clock_;
  std::string issuer_name_;
};

}  // namespace agora::user
