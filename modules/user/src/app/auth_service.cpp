#include "app/auth_service.hpp"

#include "crypto/tokens.hpp"
#include "domain/credentials.hpp"
#include "store/account_store.hpp"
#include "store/security_store.hpp"
#include "store/token_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>
#include <agora/user/api.hpp>
#include <agora/user/events.hpp>

#include <algorithm>
#include <cstring>

#include <arpa/inet.h>

namespace agora::user {
namespace {

constexpr const char* kPurposeVerify = "verify_email";
constexpr const char* kPurposeReset = "reset_password";
constexpr const char* kPurposeMfa = "mfa_login";

constexpr int kResetBatch = 100;

// One answer for unknown accounts, wrong passwords, and deleted or locked accounts alike.
Error invalid_credentials() { return Error(ErrorKind::unauthorized, "invalid email or password"); }
Error invalid_token(std::string_view field) {
  return Error(ErrorKind::validation, "the token is invalid, used or expired",
               {{std::string(field), "is invalid, used or expired"}});
}

std::string account_key(const std::string& email) { return "account:" + email; }
// An IPv6 client is counted by its /64: one subscriber usually holds a whole /64, and counting
// each of its addresses apart would give it endless fresh allowances.
std::string address_key(const std::string& address) {
  in6_addr v6{};
  if (address.find(':') == std::string::npos || inet_pton(AF_INET6, address.c_str(), &v6) != 1 ||
      IN6_IS_ADDR_V4MAPPED(&v6))
    return "address:" + address;
  std::memset(v6.s6_addr + 8, 0, 8);
  char text[INET6_ADDRSTRLEN];
  inet_ntop(AF_INET6, &v6, text, sizeof text);
  return "address:" + std::string(text) + "/64";
}
// Emails hold no spaces (normalise_email), so "account:<email> " starts only this account's keys.
std::string account_address_key(const std::string& email, const std::string& address) {
  return account_key(email) + " " + address_key(address);
}

// The email of a sign-in, normalised, or every problem of the sign-in's fields in one
// Error{validation}: checked before any lookup, so that it answers the same for every account and
// costs no hashing.
std::string sign_in_email(const std::string& email, const std::string& password) {
  std::vector<FieldError> problems;
  auto e = normalised_email(email);
  if (!e) problems.push_back({"email", "must be an email address"});
  if (password.size() > kMaxPasswordBytes)
    problems.push_back({"password", "must be at most " + std::to_string(kMaxPasswordBytes) + " bytes"});
  if (!problems.empty()) throw Error(ErrorKind::validation, "invalid email or password", std::move(problems));
  return std::move(*e);
}

}  // namespace

AuthService::AuthService(Database& db, const Clock& clock, const PasswordHasher& hasher, AccessTokens& tokens,
                         MfaService& mfa, AuthOptions options)
    : db_(db), clock_(clock), hasher_(hasher), tokens_(tokens), mfa_(mfa), options_(std::move(options)) {}

Account AuthService::register_user(const std::string& email_in, const std::string& password, const std::string& name) {
  std::vector<FieldError> problems;
  const auto normalised = normalised_email(email_in);
  if (!normalised) problems.push_back({"email", "must be an email address"});
  if (auto problem = password_problem(password, normalised.value_or(""))) problems.push_back({"password", *problem});
  if (!problems.empty()) throw Error(ErrorKind::validation, "invalid registration", std::move(problems));
  const auto& email = *normalised;
  const auto taken = [] {
    return Error(ErrorKind::conflict, "an account with this email exists", {{"email", "is already registered"}});
  };
  {
    auto conn = db_.acquire();
    if (account_store::by_email(*conn, email)) throw taken();  // before hashing: a repeated email costs no CPU
  }
  const auto hash = hasher_.hash(password);
  return db_.transact([&](Tx& tx) {
    const auto now = clock_.now();
    Account a;
    a.id = new_id();
    a.email = email;
    a.password_hash = hash;
    a.name = name;
    a.roles = {std::string(kCustomer)};
    a.created_at = a.updated_at = now;
    if (!account_store::insert(tx.sql(), a)) throw taken();
    const auto token = new_opaque_token();
    const auto expires = now + options_.verify_email_ttl;
    token_store::insert_one_time(tx.sql(), sha256_hex(token), {a.id, kPurposeVerify, expires, false});
    tx.publish(events::Registered{a.id, a.email, a.name, token, expires});
    return a;
  });
}

// A throttled key answers 429 with Retry-After before the password is looked at: the answer
// cannot tell a right password from a wrong one, nor a known account from an unknown one.
void AuthService::check_not_throttled(const std::vector<ThrottleKey>& keys) {
  auto conn = db_.acquire();
  const auto now = clock_.now();
  for (const auto& k : keys)
    if (auto s = security_store::throttle(*conn, k.key); s && s->locked_until && *s->locked_until > now)
      throw throttled(*s->locked_until, now);
}

void AuthService::record_failure(const std::vector<ThrottleKey>& keys) {
  db_.transact([&](Tx& tx) {
    const auto now = clock_.now();
    for (const auto& k : keys) {
      auto s = security_store::throttle(tx.sql(), k.key, true).value_or(ThrottleState{});
      if (s.failures > 0 && now - s.last_failure > k.policy.forget_after) s.failures = 0;
      s.failures += 1;
      s.last_failure = now;
      s.locked_until = locked_until(k.policy, s.failures, now);
      security_store::save_throttle(tx.sql(), k.key, s);
    }
  });
}

std::vector<AuthService::ThrottleKey> AuthService::login_keys(const std::string& email,
                                                              const std::string& client_address) const {
  return {{account_address_key(email, client_address), options_.account_throttle},
          {address_key(client_address), options_.address_throttle}};
}

LoginResult AuthService::password_grant(const std::string& email_in, const std::string& password,
                                        const std::string& client_address) {
  const auto email = sign_in_email(email_in, password);
  const auto keys = login_keys(email, client_address);
  check_not_throttled(keys);
  std::optional<Account> account;
  {
    auto conn = db_.acquire();
    account = account_store::by_email(*conn, email);
  }
  // One verification on every path: unknown, deleted and locked accounts cost what active ones do.
  const bool known = account && account->password_hash && account->status != "deleted";
  bool right = false;
  if (known)
    right = hasher_.verify(*account->password_hash, password);
  else
    hasher_.burn(password);
  if (!right || account->status != "active") {
    record_failure(keys);
    throw invalid_credentials();
  }
  finish_password_login(*account, password);
  return db_.transact([&](Tx& tx) {
    security_store::clear_throttle(tx.sql(), keys.front().key);
    if (!account->mfa_enabled) return LoginResult{new_session(tx, *account), ""};
    const auto token = new_opaque_token();
    token_store::insert_one_time(tx.sql(), sha256_hex(token),
                                 {account->id, kPurposeMfa, clock_.now() + options_.mfa_step_ttl, false});
    return LoginResult{std::nullopt, token};
  });
}

// Re-hashes a password stored at an older cost, now that we have it in the clear.
void AuthService::finish_password_login(const Account& account, const std::string& password) {
  if (!hasher_.needs_rehash(*account.password_hash)) return;
  const auto hash = hasher_.hash(password);
  db_.transact([&](Tx& tx) {
    auto a = account_store::by_id(tx.sql(), account.id, true);
    a->password_hash = hash;
    account_store::update(tx.sql(), *a);
  });
}

TokenSet AuthService::mfa_grant(const std::string& mfa_token, const std::string& code,
                                const std::string& client_address) {
  const auto hash = sha256_hex(mfa_token);
  std::string user_id;
  {
    auto conn = db_.acquire();
    const auto t = token_store::one_time_for_update(*conn, hash);  // no transaction: a plain read
    if (!t || t->purpose != kPurposeMfa || t->used || t->expires_at <= clock_.now())
      throw Error(ErrorKind::unauthorized, "the MFA step has expired; log in again");
    user_id = t->user_id;
  }
  const std::vector<ThrottleKey> keys{{"mfa:" + user_id, options_.account_throttle},
                                      {address_key(client_address), options_.address_throttle}};
  check_not_throttled(keys);
  std::optional<TokenSet> tokens = db_.transact([&](Tx& tx) -> std::optional<TokenSet> {
    const auto t = token_store::one_time_for_update(tx.sql(), hash);
    if (!t || t->used) throw Error(ErrorKind::unauthorized, "the MFA step has expired; log in again");
    if (!mfa_.verify(tx, user_id, code)) return std::nullopt;
    token_store::mark_one_time_used(tx.sql(), hash, clock_.now());
    security_store::clear_throttle(tx.sql(), "mfa:" + user_id);
    const auto account = account_store::by_id(tx.sql(), user_id);
    if (!account || account->status != "active") throw invalid_credentials();
    return new_session(tx, *account);
  });
  if (!tokens) {
    record_failure(keys);
    throw Error(ErrorKind::unauthorized, "invalid authentication code");
  }
  return *tokens;
}

TokenSet AuthService::refresh_grant(const std::string& refresh_token) {
  enum class Outcome { ok, invalid, reused };
  std::optional<TokenSet> tokens;
  const auto outcome = db_.transact([&](Tx& tx) {
    const auto now = clock_.now();
    const auto t = token_store::refresh_for_update(tx.sql(), sha256_hex(refresh_token));
    if (!t) return Outcome::invalid;
    if (t->used || t->revoked) {
      token_store::revoke_family(tx.sql(), t->family_id, now);  // a stolen token was replayed
      return t->revoked && !t->used ? Outcome::invalid : Outcome::reused;
    }
    const auto account = account_store::by_id(tx.sql(), t->user_id);
    if (t->expires_at <= now || !account || account->status != "active") {
      token_store::revoke_family(tx.sql(), t->family_id, now);
      return Outcome::invalid;
    }
    token_store::mark_refresh_used(tx.sql(), t->token_hash, now);
    const auto next = new_opaque_token();
    token_store::insert_refresh(tx.sql(), {sha256_hex(next), t->family_id, account->id, now + options_.refresh_ttl},
                                now);
    tokens = tokens_for(*account, t->family_id, next);
    return Outcome::ok;
  });
  if (outcome == Outcome::reused)
    throw Error(ErrorKind::unauthorized, "refresh token was already used; the session has been revoked");
  if (outcome == Outcome::invalid) throw Error(ErrorKind::unauthorized, "invalid or expired refresh token");
  return *tokens;
}

void AuthService::logout(const std::string& refresh_token) {
  db_.transact([&](Tx& tx) {
    if (const auto t = token_store::refresh_for_update(tx.sql(), sha256_hex(refresh_token)))
      token_store::revoke_family(tx.sql(), t->family_id, clock_.now());
  });
}

TokenSet AuthService::new_session(Tx& tx, const Account& account) {
  const auto refresh = new_opaque_token();
  const auto family = new_id();
  const auto now = clock_.now();
  token_store::insert_refresh(tx.sql(), {sha256_hex(refresh), family, account.id, now + options_.refresh_ttl}, now);
  return tokens_for(account, family, refresh);
}

TokenSet AuthService::tokens_for(const Account& account, const std::string& family, const std::string& refresh) {
  return {tokens_.issue(account.id, account.roles, family), tokens_.options().ttl.count(), refresh};
}

void AuthService::verify_email(const std::string& token) {
  db_.transact([&](Tx& tx) {
    const auto hash = sha256_hex(token);
    const auto t = token_store::one_time_for_update(tx.sql(), hash);
    if (!t || t->purpose != kPurposeVerify || t->used || t->expires_at <= clock_.now()) throw invalid_token("token");
    auto account = account_store::by_id(tx.sql(), t->user_id, true);
    if (!account || account->status == "deleted") throw invalid_token("token");
    token_store::mark_one_time_used(tx.sql(), hash, clock_.now());
    if (account->email_verified) return;
    account->email_verified = true;
    account->updated_at = clock_.now();
    account_store::update(tx.sql(), *account);
    tx.publish(events::EmailVerified{account->id, account->email});
  });
}

void AuthService::forgot_password(const std::string& email_in) {
  const auto email = normalise_email(email_in);
  db_.transact([&](Tx& tx) { security_store::add_reset_request(tx.sql(), email, clock_.now()); });
}

bool AuthService::send_reset_links() {
  return db_.transact([&](Tx& tx) {
    const auto emails = security_store::take_reset_requests(tx.sql(), kResetBatch);
    for (const auto& email : emails) {
      const auto account = account_store::by_email(tx.sql(), email);
      if (!account || account->status == "deleted") continue;
      const auto now = clock_.now();
      token_store::void_one_time(tx.sql(), account->id, kPurposeReset, now);
      const auto token = new_opaque_token();
      const auto expires = now + options_.reset_ttl;
      token_store::insert_one_time(tx.sql(), sha256_hex(token), {account->id, kPurposeReset, expires, false});
      tx.publish(events::PasswordResetRequested{account->id, account->email, account->name, token, expires});
    }
    return emails.size() == static_cast<std::size_t>(kResetBatch);
  });
}

void AuthService::reset_password(const std::string& token, const std::string& new_password) {
  const auto hash = sha256_hex(token);
  std::string email;
  {
    auto conn = db_.acquire();
    const auto t = token_store::one_time_for_update(*conn, hash);  // no transaction: a plain read
    if (!t || t->purpose != kPurposeReset || t->used || t->expires_at <= clock_.now()) throw invalid_token("token");
    email = account_store::by_id(*conn, t->user_id).value_or(Account{}).email;
  }
  check_password_policy(new_password, email, "new_password");
  const auto password_hash = hasher_.hash(new_password);
  db_.transact([&](Tx& tx) {
    const auto now = clock_.now();
    const auto t = token_store::one_time_for_update(tx.sql(), hash);
    if (!t || t->used || t->expires_at <= now) throw invalid_token("token");
    auto account = account_store::by_id(tx.sql(), t->user_id, true);
    if (!account || account->status == "deleted") throw invalid_token("token");
    token_store::mark_one_time_used(tx.sql(), hash, now);
    account->password_hash = password_hash;
    account->updated_at = now;
    account_store::update(tx.sql(), *account);
    token_store::revoke_all(tx.sql(), account->id, now);
    account_store::cut_tokens(tx.sql(), account->id, now);  // access tokens end with the refresh tokens
    security_store::clear_throttle(tx.sql(), account_key(account->email));
    security_store::clear_throttles_starting(tx.sql(), account_key(account->email) + " ");
    tx.publish(events::Updated{account->id, {"password"}});
  });
}

void AuthService::change_password(const std::string& user_id, const std::string& current, const std::string& next) {
  std::optional<Account> account;
  {
    auto conn = db_.acquire();
    account = account_store::by_id(*conn, user_id);
  }
  if (!account || account->status == "deleted") throw Error(ErrorKind::not_found, "no user with id " + user_id);
  const std::vector<ThrottleKey> keys{{account_key(account->email), options_.account_throttle}};
  check_not_throttled(keys);
  std::vector<FieldError> problems;
  if (!account->password_hash || current.size() > kMaxPasswordBytes ||
      !hasher_.verify(*account->password_hash, current)) {
    record_failure(keys);
    problems.push_back({"current_password", "is wrong"});
  }
  if (auto problem = password_problem(next, account->email)) problems.push_back({"new_password", *problem});
  if (!problems.empty()) throw Error(ErrorKind::validation, "the password was not changed", std::move(problems));
  const auto hash = hasher_.hash(next);
  db_.transact([&](Tx& tx) {
    auto a = account_store::by_id(tx.sql(), user_id, true);
    a->password_hash = hash;
    a->updated_at = clock_.now();
    account_store::update(tx.sql(), *a);
    token_store::revoke_all(tx.sql(), user_id, clock_.now());
    account_store::cut_tokens(tx.sql(), user_id, clock_.now());  // access tokens end with the refresh tokens
    tx.publish(events::Updated{user_id, {"password"}});
  });
}

Account AuthService::ensure_admin(const std::string& email_in, const std::string& password) {
  const auto email = normalise_email(email_in);
  check_password_policy(password, email);
  const auto hash = hasher_.hash(password);
  return db_.transact([&](Tx& tx) {
    const auto now = clock_.now();
    auto a = account_store::by_email(tx.sql(), email);
    if (!a) {
      a = Account{};
      a->id = new_id();
      a->email = email;
      a->email_verified = true;
      a->password_hash = hash;
      a->roles = {std::string(kCustomer), std::string(kAdmin)};
      a->created_at = a->updated_at = now;
      account_store::insert(tx.sql(), *a);
      tx.publish(events::Registered{a->id, a->email, a->name, std::nullopt, std::nullopt});
      return *a;
    }
    if (a->status == "deleted") throw Error(ErrorKind::conflict, "that account was deleted");
    if (std::find(a->roles.begin(), a->roles.end(), kAdmin) == a->roles.end()) a->roles.emplace_back(kAdmin);
    a->password_hash = hash;
    a->status = "active";
    a->updated_at = now;
    account_store::update(tx.sql(), *a);
    token_store::revoke_all(tx.sql(), a->id, now);
    tx.publish(events::Updated{a->id, {"roles", "password"}});
    return *a;
  });
}

}  // namespace agora::user
