// The user module: accounts, our OIDC-style token issuer, MFA, roles, profiles, addresses, preferences.
#include "app/access_tokens.hpp"
#include "app/admin_service.hpp"
#include "app/auth_service.hpp"
#include "app/authenticator.hpp"
#include "app/external_issuer.hpp"
#include "app/key_ring.hpp"
#include "app/mfa_service.hpp"
#include "app/profile_service.hpp"
#include "app/token_gate.hpp"
#include "cli/create_admin.hpp"
#include "http/routes.hpp"

#include <agora/core/config.hpp>
#include <agora/core/events.hpp>
#include <agora/core/log.hpp>
#include <agora/core/metrics.hpp>
#include <agora/core/module.hpp>
#include <agora/user/events.hpp>
#include <agora/user/module.hpp>

#include <stdexcept>

namespace agora::user {
namespace {

AuthOptions auth_options(const Config& c) {
  AuthOptions o;
  o.refresh_ttl = std::chrono::hours(24 * c.integer("auth.refresh_ttl_days", 1, 3650));
  o.verify_email_ttl = std::chrono::hours(c.integer("auth.verify_email_ttl_hours", 1, 24 * 365));
  o.reset_ttl = std::chrono::minutes(c.integer("auth.reset_ttl_minutes", 1, 24 * 60));
  o.account_throttle.free_attempts = static_cast<int>(c.integer("auth.throttle_free_attempts", 1, 1000));
  o.address_throttle.free_attempts = static_cast<int>(c.integer("auth.throttle_address_free_attempts", 1, 100000));
  o.account_throttle.base_delay = o.address_throttle.base_delay = c.millis("auth.throttle_base_delay_ms");
  o.account_throttle.max_delay = o.address_throttle.max_delay =
      std::chrono::seconds(c.integer("auth.throttle_max_delay_s", 1, 24 * 3600));
  return o;
}

// Hashing may hold at most concurrency + queue workers, so that it can never hold them all.
HashingLimits hashing_limits(const Config& c) {
  HashingLimits l{static_cast<unsigned>(c.integer("auth.hash_concurrency", 1, 256)),
                  static_cast<unsigned>(c.integer("auth.hash_queue", 0, 1024)), c.millis("auth.hash_wait_ms")};
  if (l.concurrency + l.queue >= c.integer("http.workers", 1, 1024))
    throw ConfigError("config keys auth.hash_concurrency + auth.hash_queue: must be fewer than http.workers");
  return l;
}

void add_hashing_metrics(Metrics& m, const PasswordHasher& h) {
  m.gauge_fn("agora_user_password_hashing_running", "Password hash or verify operations running now", {},
             [&h] { return h.slots().load().running; });
  m.gauge_fn("agora_user_password_hashing_waiting", "Requests waiting for a password hashing slot", {},
             [&h] { return h.slots().load().waiting; });
  m.gauge_fn("agora_user_password_hashing_turned_away", "Requests refused (503) for want of a hashing slot, in total",
             {}, [&h] { return static_cast<double>(h.slots().load().turned_away); });
}

// Production (auth.production) refuses to keep signing keys in clear.
KeyEncryption key_encryption(const Config& c) {
  try {
    KeyEncryption kek(c.string("auth.key_encryption_secret"), c.string("auth.previous_key_encryption_secrets"));
    if (!kek.enabled() && c.boolean("auth.production"))
      throw ConfigError("config key auth.key_encryption_secret: required in production (signing keys are sealed with it)");
    if (!kek.enabled()) log::info("signing keys are stored in clear: set auth.key_encryption_secret");
    return kek;
  } catch (const std::invalid_argument& e) {
    throw ConfigError(std::string("config keys auth.key_encryption_secret, auth.previous_key_encryption_secrets: ") + e.what());
  }
}

ExternalIssuerOptions external_options(const Config& c) {
  if (c.string("auth.external.jwks_url").empty())
    throw ConfigError("config key auth.external.jwks_url: required when auth.external.issuer is set");
  if (c.string("auth.external.audience").empty() && c.boolean("auth.production"))
    throw ConfigError("config key auth.external.audience: required in production (\"\" would accept tokens the issuer made for any client)");
  return {.issuer = c.string("auth.external.issuer"),
          .jwks_url = c.string("auth.external.jwks_url"),
          .audience = c.string("auth.external.audience"),
          .roles_claim = c.string("auth.external.roles_claim"),
          .role_map = c.strings("auth.external.role_map"),
          .same_named_roles = c.boolean("auth.external.same_named_roles"),
          .link_by_email = c.boolean("auth.external.link_by_email")};
}

class UserModule final : public Module {
 public:
  std::string_view name() const override { return "user"; }

  void install(Platform& p) override {
    const auto& c = p.config;
    const auto alg = c.string("auth.signing_alg");
    if (alg != "ES256" && alg != "RS256") throw ConfigError("config key auth.signing_alg: expected ES256 or RS256");
    const std::chrono::seconds access_ttl(c.integer("auth.access_ttl_s", 60, 24 * 3600));
    hasher_.emplace(PasswordCost{static_cast<unsigned long long>(c.integer("auth.password_ops", 1, 100)),
                                 static_cast<std::size_t>(c.integer("auth.password_memory_kib", 64, 4 << 20)) * 1024},
                    hashing_limits(c));
    add_hashing_metrics(p.metrics, *hasher_);
    p.readiness.add_note("password_hashing", [this]() -> std::optional<std::string> {
      const auto load = hasher_->slots().load();
      if (!load.saturated) return std::nullopt;
      return "saturated: " + std::to_string(load.running) + " running, " + std::to_string(load.waiting) + " waiting";
    });
    kek_.emplace(key_encryption(c));
    keys_.emplace(p.db, p.clock, *kek_,
                  KeyRingOptions{alg, std::chrono::hours(24 * c.integer("auth.key_rotation_days", 1, 3650)),
                                 access_ttl + std::chrono::seconds(60)});
    tokens_.emplace(*keys_, p.clock, AccessTokenOptions{c.string("auth.issuer"), c.string("auth.audience"), access_ttl});
    mfa_.emplace(p.db, p.clock, c.string("auth.totp_issuer"));
    auth_.emplace(p.db, p.clock, *hasher_, *tokens_, *mfa_, auth_options(c));
    profile_.emplace(p.db, p.clock);
    gate_.emplace(p.db);
    admin_.emplace(p.db, p.clock, *gate_);
    if (!c.string("auth.external.issuer").empty()) external_.emplace(p.db, p.clock, external_options(c));
    p.events.watch({.topics = {std::string(events::kTopic)},
                    .on_event = [this](const Notice& n) { n.key.empty() ? gate_->forget_all() : gate_->forget(n.key); },
                    .on_gap = [this] { gate_->forget_all(); }});
    p.router.set_authenticator(
        std::make_shared<TokenAuthenticator>(*tokens_, external_ ? &*external_ : nullptr, *gate_, p.clock));
    services_.emplace(Services{*auth_, *mfa_, *profile_, *admin_, *keys_, *tokens_});
    add_auth_routes(p.router, *services_);
    add_me_routes(p.router, *services_);
    add_admin_routes(p.router, *services_);
    p.services.provide<Api>(*profile_);
    p.jobs.every("user.signing_keys", std::chrono::minutes(1), [this] { keys_->refresh(); });
    const std::chrono::milliseconds reset_dispatch(c.integer("auth.reset_dispatch_ms", 10, 3600 * 1000));
    p.jobs.every("user.password_resets", reset_dispatch, [this] { while (auth_->send_reset_links()) {} });
  }

  void start() override { keys_->start(); }

  std::vector<CliCommand> commands() override { return {create_admin_command(*auth_)}; }

 private:
  std::optional<PasswordHasher> hasher_;
  std::optional<KeyEncryption> kek_;
  std::optional<KeyRing> keys_;
  std::optional<AccessTokens> tokens_;
  std::optional<MfaService> mfa_;
  std::optional<AuthService> auth_;
  std::optional<ProfileService> profile_;
  std::optional<TokenGate> gate_;
  std::optional<AdminService> admin_;
  std::optional<ExternalIssuer> external_;
  std::optional<Services> services_;
};

}  // namespace

std::unique_ptr<Module> make_module() { return std::make_unique<UserModule>(); }

}  // namespace agora::user
