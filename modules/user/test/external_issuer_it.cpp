// An external OIDC issuer (a local HTTP server serving its JWKS, as Keycloak does): its tokens log
// a user in, the user is provisioned once, and roles map from the configured claim.
#include "crypto/signing_key.hpp"
#include "harness/process.hpp"
#include "user_app.hpp"

#include <agora/core/http.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/metrics.hpp>

#include <soci/postgresql/soci-postgresql.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace agora;
using namespace agora::user;
using namespace agora::user::test;

namespace {

constexpr const char* kIssuer = "https://idp.example/realms/shop";

// The identity provider: one RS256 key, served as a JWK set; counts the fetches.
struct IdentityProvider {
  SigningKey key = SigningKey::generate("idp-key-1", "RS256");
  std::atomic<int> fetches{0};
  Metrics metrics;
  http::Router router;
  std::unique_ptr<http::Server> server;

  IdentityProvider() {
    router.add(http::Method::get, "/realms/shop/certs", [this](const http::Request&) {
      ++fetches;
      return http::Response::json({{"keys", {key.public_jwk()}}});
    });
    server = std::make_unique<http::Server>(http::ServerOptions{.host = "127.0.0.1", .port = 0, .io_threads = 1, .workers = 1},
                                            router, metrics);
    server->start();
  }
  std::string jwks_url() const { return "http://127.0.0.1:" + std::to_string(server->port()) + "/realms/shop/certs"; }

  std::string token(UserApp& u, const std::string& subject, boost::json::array roles) {
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(u.clock.now().time_since_epoch()).count();
    return jwt_sign(key, {{"iss", kIssuer},
                          {"sub", subject},
                          {"aud", "shop-api"},
                          {"exp", now + 300},
                          {"iat", now},
                          {"email", "zoe@idp.example"},
                          {"email_verified", true},
                          {"name", "Zoe"},
                          {"realm_access", {{"roles", std::move(roles)}}}});
  }
};

}  // namespace

TEST_CASE("an external issuer's token logs a user in and provisions them once, with mapped roles") {
  IdentityProvider idp;
  UserApp u(std::map<std::string, std::string>{{"auth.external.issuer", kIssuer},
             {"auth.external.jwks_url", idp.jwks_url()},
             {"auth.external.audience", "shop-api"},
             {"auth.external.role_map", "shop-admins=admin"}});
  const auto token = idp.token(u, "kc-123", {"offline_access", "catalog_manager"});
  const auto me = u.call("GET", "/api/v1/users/me", nullptr, token);
  REQUIRE(me.status == 200);
  REQUIRE(me.json().at("email") == "zoe@idp.example");
  REQUIRE(me.json().at("email_verified") == true);
  REQUIRE(u.call("GET", "/api/v1/users/me", nullptr, idp.token(u, "kc-123", {})).json().at("id") == me.json().at("id"));
  REQUIRE(u.count("SELECT count(*) FROM \"user\".external_identities") == 1);
  REQUIRE(u.count("SELECT count(*) FROM \"user\".accounts") == 1);
  REQUIRE(idp.fetches == 1);  // the key set is cached

  REQUIRE(u.call("GET", "/api/v1/admin/users", nullptr, token).status == 403);
  REQUIRE(u.call("GET", "/api/v1/admin/users", nullptr, idp.token(u, "kc-123", {"shop-admins"})).status == 200);

  const auto forged = jwt_sign(SigningKey::generate("idp-key-1", "RS256"), jwt_decode(token)->claims);
  REQUIRE(u.call("GET", "/api/v1/users/me", nullptr, forged).status == 401);
  auto wrong_audience = jwt_decode(token)->claims;
  wrong_audience["aud"] = "another-api";
  REQUIRE(u.call("GET", "/api/v1/users/me", nullptr, jwt_sign(idp.key, wrong_audience)).status == 401);
}

TEST_CASE("the external key set is fetched again when a token names a key it does not have") {
  IdentityProvider idp;
  UserApp u(std::map<std::string, std::string>{{"auth.external.issuer", kIssuer}, {"auth.external.jwks_url", idp.jwks_url()}});
  REQUIRE(u.call("GET", "/api/v1/users/me", nullptr, idp.token(u, "kc-9", {})).status == 200);
  idp.key = SigningKey::generate("idp-key-2", "RS256");  // the provider rotates its key
  u.clock.advance(std::chrono::seconds(11));
  REQUIRE(u.call("GET", "/api/v1/users/me", nullptr, idp.token(u, "kc-9", {})).status == 200);
  REQUIRE(idp.fetches == 2);
}

TEST_CASE("agora users create-admin reads the password from a file, never from the command line") {
  const auto url = agora::test::Stores::get().fresh_database();
  const auto dir = std::filesystem::temp_directory_path() / ("agora-create-admin-" + new_id());
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "password") << kPassword << "\n";
  const auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), AGORA_BINARY);
    args.insert(args.end(), {"--config-dir", std::string(AGORA_SOURCE_DIR) + "/config"});
    const int code = agora::test::run(args, {.log_file = (dir / "out").string(),
                                             .env = {{"AGORA_DATABASE_URL", url}, {"AGORA_KAFKA_ENABLED", "false"}}});
    std::stringstream out;
    out << std::ifstream(dir / "out").rdbuf();
    return std::make_pair(code, out.str());
  };
  const auto refused = run({"users", "create-admin", "--email", "ops@example.com", "--password", kPassword});
  REQUIRE(refused.first == 2);
  REQUIRE_THAT(refused.second, Catch::Contains("unknown or incomplete flag '--password'"));
  const auto made = run({"users", "create-admin", "--email", "ops@example.com", "--password-file", (dir / "password").string()});
  REQUIRE(made.first == 0);
  REQUIRE_THAT(made.second, Catch::Contains("administrator ops@example.com"));
  std::filesystem::remove_all(dir);

  soci::session sql(soci::postgresql, conninfo(url));
  std::string roles;
  sql << "SELECT array_to_string(roles, ',') FROM \"user\".accounts WHERE email = 'ops@example.com'", soci::into(roles);
  REQUIRE(roles == "customer,admin");
}
