#include "app/mfa_service.hpp"

#include "crypto/tokens.hpp"
#include "domain/totp.hpp"
#include "store/account_store.hpp"
#include "store/security_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/user/events.hpp>

#include <algorithm>
#include <cctype>

namespace agora::user {
namespace {

constexpr int kRecoveryCodes = 10;

long long unix_seconds(Timestamp t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

bool is_totp_code(const std::string& code) {
  return code.size() == 6 && std::all_of(code.begin(), code.end(), [](unsigned char c) { return std::isdigit(c); });
}

Error bad_code() { return Error(ErrorKind::validation, "the code is not valid", {{"code", "is not a current code"}}); }

}  // namespace

MfaService::MfaService(Database& db, const Clock& clock, std::string issuer_name)
    : db_(db), clock_(clock), issuer_name_(std::move(issuer_name)) {}

TotpSetup MfaService::begin(const std::string& user_id) {
  return db_.transact([&](Tx& tx) {
    const auto account = account_store::by_id(tx.sql(), user_id, true);
    if (!account || account->status == "deleted") throw Error(ErrorKind::not_found, "no user with id " + user_id);
    if (auto e = security_store::totp_for_update(tx.sql(), user_id); e && e->confirmed)
      throw Error(ErrorKind::conflict, "two-factor authentication is already enabled; disable it first");
    const auto secret = base32_encode(random_bytes(20));
    security_store::begin_totp(tx.sql(), user_id, secret);
    return TotpSetup{secret, otpauth_uri(issuer_name_, account->email, secret)};
  });
}

std::vector<std::string> MfaService::confirm(const std::string& user_id, const std::string& code) {
  return db_.transact([&](Tx& tx) {
    const auto account = account_store::by_id(tx.sql(), user_id, true);
    const auto e = security_store::totp_for_update(tx.sql(), user_id);
    if (!account || !e) throw Error(ErrorKind::conflict, "start enrolment first: POST /api/v1/users/me/mfa/totp");
    if (e->confirmed) throw Error(ErrorKind::conflict, "two-factor authentication is already enabled");
    const auto step = totp_match(*base32_decode(e->secret_base32), code, unix_seconds(clock_.now()));
    if (!step) throw bad_code();
    security_store::confirm_totp(tx.sql(), user_id, clock_.now(), *step);
    std::vector<std::string> codes, hashes;
    for (int i = 0; i < kRecoveryCodes; ++i) {
      codes.push_back(new_recovery_code());
      hashes.push_back(sha256_hex(normalise_recovery_code(codes.back())));
    }
    security_store::replace_recovery_codes(tx.sql(), user_id, hashes);
    tx.publish(events::MfaEnabled{user_id, account->email});
    return codes;
  });
}

void MfaService::disable(const std::string& user_id, const std::string& code) {
  db_.transact([&](Tx& tx) {
    const auto e = security_store::totp_for_update(tx.sql(), user_id);
    if (!e || !e->confirmed) throw Error(ErrorKind::conflict, "two-factor authentication is not enabled");
    if (!verify(tx, user_id, code)) throw bad_code();
    security_store::remove_totp(tx.sql(), user_id);
    tx.publish(events::Updated{user_id, {"mfa"}});
  });
}

bool MfaService::verify(Tx& tx, const std::string& user_id, const std::string& code) {
  const auto e = security_store::totp_for_update(tx.sql(), user_id);
  if (!e || !e->confirmed) return false;
  if (is_totp_code(code)) {
    const auto step = totp_match(*base32_decode(e->secret_base32), code, unix_seconds(clock_.now()));
    if (!step || *step <= e->last_step) return false;  // a code is good for one login
    security_store::use_totp_step(tx.sql(), user_id, *step);
    return true;
  }
  return security_store::use_recovery_code(tx.sql(), user_id, sha256_hex(normalise_recovery_code(code)), clock_.now());
}

}  // namespace agora::user
