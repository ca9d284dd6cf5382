#include "app/external_issuer.hpp"

#include "crypto/jwt_claims.hpp"
#include "domain/credentials.hpp"
#include "store/account_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/log.hpp>
#include <agora/core/outbound.hpp>
#include <agora/user/api.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>

namespace agora::user {
namespace {

// Throws Error{unavailable} when no JWKS came (the destination's own names the URL and why).
std::string http_get(outbound::Destination& to, const std::string& url) {
  // A JWKS is small: anything large is refused.
  auto answer = to.send({.url = url, .timeout = std::chrono::seconds(5), .max_body = 1 << 20});
  if (answer.status != 200)
    throw Error(ErrorKind::unavailable, "JWKS fetch from " + url + " failed: HTTP " + std::to_string(answer.status));
  return std::move(answer.body);
}

bool is_our_role(std::string_view r) {
  return r == kCustomer || r == kSupport || r == kCatalogManager || r == kWarehouse || r == kOrderManager ||
         r == kAdmin;
}

}  // namespace

ExternalIssuer::ExternalIssuer(Database& db, const Clock& clock, ExternalIssuerOptions options,
                               outbound::Destination& jwks)
    : db_(db), clock_(clock), options_(std::move(options)), jwks_(jwks) {}

http::Principal ExternalIssuer::verify(const DecodedJwt& token) {
  const auto* kid = token.header.if_contains("kid");
  if (!kid || !kid->is_string()) throw Error(ErrorKind::unauthorized, "invalid access token: no key id");
  const auto k = key(std::string(kid->get_string()));
  if (!k || !jwt_signature_ok(token, *k)) throw Error(ErrorKind::unauthorized, "invalid access token: bad signature");
  const auto claims = registered_claims(token.claims);
  check_claims(claims, {options_.issuer, options_.audience, options_.leeway}, clock_.now());
  const auto roles = map_roles(token.claims);
  const std::string& subject = claims.subject;
  std::string user_id;
  {
    std::lock_guard lock(mutex_);
    if (auto it = users_.find(subject); it != users_.end()) user_id = it->second;
  }
  if (user_id.empty()) {
    user_id = provision(subject, token.claims, roles);
    std::lock_guard lock(mutex_);
    users_[subject] = user_id;
  }
  return {user_id, roles};
}

std::optional<SigningKey> ExternalIssuer::key(const std::string& kid) {
  const auto find = [&]() -> std::optional<SigningKey> {
    if (auto it = keys_.find(kid); it != keys_.end()) return it->second;
    return std::nullopt;
  };
  {
    std::lock_guard lock(mutex_);
    const auto now = clock_.now();
    auto known = find();
    if (known && now - fetched_at_ < options_.jwks_ttl) return known;
    // Anyone can send a token naming a key we lack (no valid signature needed): only one request
    // fetches, at most once per refetch_min, and the others answer from what we have.
    if (fetching_ || now - attempted_at_ < options_.refetch_min) return known;
    fetching_ = true;
    attempted_at_ = now;
  }
  std::optional<std::map<std::string, SigningKey>> fetched;
  try {
    fetched = fetch_jwks();
  } catch (const std::exception& e) {
    log::warn("external JWKS unavailable", {{"issuer", options_.issuer}, {"error", log::describe(e)}});
  }
  std::lock_guard lock(mutex_);
  fetching_ = false;
  if (fetched) {  // a failed fetch keeps the keys we had: a provider outage logs nobody out
    keys_ = std::move(*fetched);
    fetched_at_ = clock_.now();
  }
  return find();
}

std::map<std::string, SigningKey> ExternalIssuer::fetch_jwks() const {
  const auto body = http_get(jwks_, options_.jwks_url);
  boost::json::error_code ec;
  const auto doc = boost::json::parse(body, ec);
  if (ec || !doc.is_object() || !doc.get_object().contains("keys") || !doc.at("keys").is_array())
    throw Error(ErrorKind::unavailable, "JWKS from " + options_.jwks_url + " is not a key set");
  std::map<std::string, SigningKey> keys;
  for (const auto& jwk : doc.at("keys").get_array()) {
    if (!jwk.is_object()) continue;
    const auto* use = jwk.get_object().if_contains("use");
    if (use && use->is_string() && use->get_string() != "sig") continue;
    try {
      auto k = SigningKey::from_jwk(jwk.get_object());
      keys.emplace(k.kid(), k);
    } catch (const Error&) {
      // Keys of other kinds (encryption, unsupported curves) are skipped.
    }
  }
  return keys;
}

std::vector<std::string> ExternalIssuer::map_roles(const boost::json::object& claims) const {
  std::vector<std::string> roles{std::string(kCustomer)};
  for (const auto& theirs : claim_strings(claims, options_.roles_claim)) {
    std::string ours;
    for (const auto& m : options_.role_map)
      if (m.substr(0, m.find('=')) == theirs) ours = m.substr(m.find('=') + 1);
    if (ours.empty() && options_.same_named_roles && is_our_role(theirs)) ours = theirs;
    if (!ours.empty() && std::find(roles.begin(), roles.end(), ours) == roles.end()) roles.push_back(ours);
  }
  return roles;
}

// Only when configured, and only a customer's account whose email we verified ourselves: staff
// accounts are never reachable through a provider, and an unverified local account may have been
// registered in the victim's name by someone waiting for the link.
bool ExternalIssuer::linkable(const Account& existing) const {
  return options_.link_by_email && existing.email_verified && existing.status == "active" &&
         std::all_of(existing.roles.begin(), existing.roles.end(), [](const auto& r) { return r == kCustomer; });
}

// Links (issuer, subject) to an account once. A verified email that matches a linkable account
// links to it; otherwise a new account is made (with a placeholder email when the claim is missing or taken).
std::string ExternalIssuer::provision(const std::string& subject, const boost::json::object& claims,
                                      const std::vector<std::string>& roles) {
  return db_.transact([&](Tx& tx) {
    if (auto id = account_store::external_user(tx.sql(), options_.issuer, subject)) return *id;
    std::optional<std::string> email;
    if (const auto e = string_claim(claims, "email")) email = normalised_email(*e);
    const bool email_verified = true_claim(claims, "email_verified");
    std::optional<Account> existing;
    if (email && email_verified) existing = account_store::by_email(tx.sql(), *email);
    if (existing && !linkable(*existing)) existing.reset();
    Account a;
    if (existing) {
      a = *existing;
    } else {
      a.id = new_id();
      a.email = email.value_or(a.id + "@external.invalid");
      a.email_verified = email_verified;
      a.name = string_claim(claims, "name").value_or("");
      a.roles = roles;
      a.created_at = a.updated_at = clock_.now();
      if (!account_store::insert(tx.sql(), a)) {  // the email belongs to an account we may not link
        a.email = a.id + "@external.invalid";
        a.email_verified = false;
        account_store::insert(tx.sql(), a);
      }
    }
    if (!account_store::link_external(tx.sql(), options_.issuer, subject, a.id))
      return *account_store::external_user(tx.sql(), options_.issuer, subject);
    log::info("external user provisioned", {{"issuer", options_.issuer}, {"user_id", a.id}});
    return a.id;
  });
}

}  // namespace agora::user
