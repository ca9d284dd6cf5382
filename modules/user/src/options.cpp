#include "options.hpp"

#include <agora/core/log.hpp>

#include <stdexcept>

namespace agora::user {
namespace {

AuthOptions auth_options(const Config& c) {
  AuthOptions o;
  o.refresh_ttl = std::chrono::hours(24 * c.integer("auth.refresh_ttl_days"));
  o.verify_email_ttl = std::chrono::hours(c.integer("auth.verify_email_ttl_hours"));
  o.reset_ttl = std::chrono::minutes(c.integer("auth.reset_ttl_minutes"));
  o.account_throttle.free_attempts = static_cast<int>(c.integer("auth.throttle_free_attempts"));
  o.address_throttle.free_attempts = static_cast<int>(c.integer("auth.throttle_address_free_attempts"));
  o.account_throttle.base_delay = o.address_throttle.base_delay = c.millis("auth.throttle_base_delay_ms");
  o.account_throttle.max_delay = o.address_throttle.max_delay =
      std::chrono::seconds(c.integer("auth.throttle_max_delay_s"));
  return o;
}

// Hashing may hold at most concurrency + queue workers, so that it can never hold them all
// (http.workers is the platform's key).
HashingLimits hashing_limits(const Config& c) {
  HashingLimits l{static_cast<unsigned>(c.integer("auth.hash_concurrency")),
                  static_cast<unsigned>(c.integer("auth.hash_queue")), c.millis("auth.hash_wait_ms")};
  if (l.concurrency + l.queue >= c.integer("http.workers"))
    throw ConfigError("config keys auth.hash_concurrency + auth.hash_queue: must be fewer than http.workers");
  return l;
}

// Production (auth.production) refuses to keep signing keys in clear.
KeyEncryption key_encryption(const Config& c) {
  try {
    KeyEncryption kek(c.string("auth.key_encryption_secret"), c.string("auth.previous_key_encryption_secrets"));
    if (!kek.enabled() && c.boolean("auth.production"))
      throw ConfigError(
          "config key auth.key_encryption_secret: required in production (signing keys are sealed with it)");
    if (!kek.enabled()) log::info("signing keys are stored in clear: set auth.key_encryption_secret");
    return kek;
  } catch (const std::invalid_argument& e) {
    throw ConfigError(std::string("config keys auth.key_encryption_secret, auth.previous_key_encryption_secrets: ") +
                      e.what());
  }
}

std::optional<ExternalIssuerOptions> external_options(const Config& c) {
  if (c.string("auth.external.issuer").empty()) return std::nullopt;
  if (c.string("auth.external.jwks_url").empty())
    throw ConfigError("config key auth.external.jwks_url: required when auth.external.issuer is set");
  if (c.string("auth.external.audience").empty() && c.boolean("auth.production"))
    throw ConfigError(
        "config key auth.external.audience: required in production (\"\" would accept tokens the issuer made for any "
        "client)");
  return ExternalIssuerOptions{.issuer = c.string("auth.external.issuer"),
                               .jwks_url = c.string("auth.external.jwks_url"),
                               .audience = c.string("auth.external.audience"),
                               .roles_claim = c.string("auth.external.roles_claim"),
                               .role_map = c.strings("auth.external.role_map"),
                               .same_named_roles = c.boolean("auth.external.same_named_roles"),
                               .link_by_email = c.boolean("auth.external.link_by_email")};
}

}  // namespace

ConfigSection config_section() {
  using Strings = std::vector<std::string>;
  return {
      "auth",
      {{"issuer", "http://localhost:8080", "the \"iss\" of our access tokens; also the base of the discovery URLs"},
       {"audience", "agora", "the \"aud\" of our access tokens"},
       {"access_ttl_s", 900, "access tokens live this long", 60, 24 * 3600},
       {"refresh_ttl_days", 30, "refresh tokens live this long", 1, 3650},
       {.name = "signing_alg",
        .default_value = "ES256",
        .description = "the access tokens' signature",
        .one_of = {"ES256", "RS256"}},
       {"key_rotation_days", 30, "a new signing key after this long; old ones verify until their tokens expire", 1,
        3650},
       {"password_ops", 2, "Argon2id iterations (OWASP: 2 with 19 MiB)", 1, 100},
       {"password_memory_kib", 19456, "Argon2id memory", 64, 4 << 20},
       {"hash_concurrency", 2, "password hashes or verifications at once (each one a core for ~20 ms)", 1, 256},
       {"hash_queue", 4,
        "requests waiting for a hashing slot; more get 503 with Retry-After at once (hash_concurrency + hash_queue "
        "must stay below http.workers)",
        0, 1024},
       {"hash_wait_ms", 1000, "a waiting request gets 503 with Retry-After after this", 0},
       {"verify_email_ttl_hours", 48, "an email verification token lives this long", 1, 24 * 365},
       {"reset_ttl_minutes", 60, "a password reset token lives this long", 1, 24 * 60},
       {"reset_dispatch_ms", 1000, "queued password reset requests are mailed this often", 10, 3600 * 1000},
       {"throttle_free_attempts", 5, "failed logins for one account from one address before delays start", 1, 1000},
       {"throttle_address_free_attempts", 100, "failed logins from one address, any accounts, before delays start", 1,
        100000},
       {"throttle_base_delay_ms", 1000, "the delay after the free attempts, doubled per further failure", 0},
       {"throttle_max_delay_s", 900, "a delay never lasts longer", 1, 24 * 3600},
       {"totp_issuer", "Agora", "the name authenticator apps show"},
       {"production", false, "true refuses to start without key_encryption_secret, or with external.audience \"\""},
       {"key_encryption_secret", "",
        "seals the signing keys in the database: 32 bytes in base64 (openssl rand -base64 32), as env:NAME or "
        "file:/path; \"\" keeps them in clear"},
       {"previous_key_encryption_secrets", "",
        "earlier key-encryption keys (comma-separated), kept to open keys sealed under them; start re-seals those "
        "under the current one"},
       {"external.issuer", "", "an external OIDC issuer whose tokens are accepted too; \"\" for none"},
       {"external.jwks_url", "", "its JWKS"},
       {"external.audience", "", "\"\" accepts any audience (refused in production)"},
       {"external.roles_claim", "realm_access.roles", "dotted path to the roles in its tokens (Keycloak's default)"},
       {"external.role_map", Strings{}, "\"their-role=our_role\": the only roles its tokens grant"},
       {"external.same_named_roles", false,
        "true: its roles named like ours (admin, support, ...) map to themselves too"},
       {"external.link_by_email", false,
        "true: a verified email links to the customer account (email verified here) that has it; staff accounts "
        "never"}}};
}

Options read_options(const Config& c) {
  const std::chrono::seconds access_ttl(c.integer("auth.access_ttl_s"));
  return {.auth = auth_options(c),
          .tokens = {c.string("auth.issuer"), c.string("auth.audience"), access_ttl},
          .keys = {c.string("auth.signing_alg"), std::chrono::hours(24 * c.integer("auth.key_rotation_days")),
                   access_ttl + std::chrono::seconds(60)},
          .key_encryption = key_encryption(c),
          .password_cost = {static_cast<unsigned long long>(c.integer("auth.password_ops")),
                            static_cast<std::size_t>(c.integer("auth.password_memory_kib")) * 1024},
          .hashing = hashing_limits(c),
          .totp_issuer = c.string("auth.totp_issuer"),
          .reset_dispatch = c.millis("auth.reset_dispatch_ms"),
          .external = external_options(c)};
}

}  // namespace agora::user
