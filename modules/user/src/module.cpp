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
#include "http/user_schemas.hpp"
#include "options.hpp"

#include <agora/core/events.hpp>
#include <agora/core/metrics.hpp>
#include <agora/core/module.hpp>
#include <agora/user/events.hpp>
#include <agora/user/module.hpp>

namespace agora::user {
namespace {

void add_hashing_metrics(Metrics& m, const PasswordHasher& h) {
  m.gauge_fn("agora_user_password_hashing_running", "Password hash or verify operations running now", {},
             [&h] { return h.slots().load().running; });
  m.gauge_fn("agora_user_password_hashing_waiting", "Requests waiting for a password hashing slot", {},
             [&h] { return h.slots().load().waiting; });
  m.gauge_fn("agora_user_password_hashing_turned_away", "Requests refused (503) for want of a hashing slot, in total",
             {}, [&h] { return static_cast<double>(h.slots().load().turned_away); });
}

class UserModule final : public Module {
 public:
  std::string_view name() const override { return "user"; }
  ConfigSection config_section() const override { return user::config_section(); }

  void install(Platform& p) override {
    auto o = read_options(p.config);
    hasher_.emplace(o.password_cost, o.hashing);
    add_hashing_metrics(p.metrics, *hasher_);
    p.readiness.add_note("password_hashing", [this]() -> std::optional<std::string> {
      const auto load = hasher_->slots().load();
      if (!load.saturated) return std::nullopt;
      return "saturated: " + std::to_string(load.running) + " running, " + std::to_string(load.waiting) + " waiting";
    });
    kek_.emplace(std::move(o.key_encryption));
    keys_.emplace(p.db, p.clock, *kek_, o.keys);
    tokens_.emplace(*keys_, p.clock, o.tokens);
    mfa_.emplace(p.db, p.clock, o.totp_issuer);
    auth_.emplace(p.db, p.clock, *hasher_, *tokens_, *mfa_, o.auth);
    gate_.emplace(p.db);
    profile_.emplace(p.db, p.clock, *gate_);
    admin_.emplace(p.db, p.clock, *gate_);
    if (o.external) external_.emplace(p.db, p.clock, *o.external, p.outbound.get("oidc-jwks"));
    p.events.watch({.topics = {std::string(events::kTopic)},
                    .on_event = [this](const Notice& n) { n.key.empty() ? gate_->forget_all() : gate_->forget(n.key); },
                    .on_gap = [this] { gate_->forget_all(); }});
    p.router.set_authenticator(
        std::make_shared<TokenAuthenticator>(*tokens_, external_ ? &*external_ : nullptr, *gate_, p.clock));
    services_.emplace(RouteServices{*auth_, *mfa_, *profile_, *admin_, *keys_, *tokens_});
    add_user_schemas(p.router);
    add_auth_routes(p.router, *services_);
    add_me_routes(p.router, *services_);
    add_admin_routes(p.router, *services_);
    p.services.provide<Api>(*profile_);
    p.jobs.every("user.signing_keys", std::chrono::minutes(1), [this] { keys_->refresh(); });
    p.jobs.every("user.password_resets", o.reset_dispatch, [this] {
      while (auth_->send_reset_links()) {
      }
    });
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
  std::optional<RouteServices> services_;
};

}  // namespace

std::unique_ptr<Module> make_module() { return std::make_unique<UserModule>(); }

}  // namespace agora::user
