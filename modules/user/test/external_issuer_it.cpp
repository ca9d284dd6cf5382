// An external OIDC issuer (a local HTTP server serving its JWKS, as Keycloak does): its tokens log
// a user in, the user is provisioned once, and roles map from the configured claim. A provider that
// is down or hangs costs one fetch per interval, never a worker per request.
// (external_oidc_provider_it.cpp runs the same rules against a real OpenID Provider.)
#include "crypto/signing_key.hpp"
#include "harness/eventually.hpp"
#include "harness/process.hpp"
#include "harness/silent_server.hpp"
#include "user_app.hpp"

#include <agora/core/http.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/metrics.hpp>

#include <soci/postgresql/soci-postgresql.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using namespace agora;
using namespace agora::user;
using namespace agora::user::test;

namespace {

constexpr const char* kIssuer = "https://idp.example/realms/shop";

// The identity provider: one RS256 key, served as a JWK set; counts the fetches, and answers 503 while down.
struct IdentityProvider {
  SigningKey key = SigningKey::generate("idp-key-1", "RS256");
  std::atomic<int> fetches{0};
  std::atomic<bool> down{false};
  Metrics metrics;
  http::Router router;
  std::unique_ptr<http::Server> server;

  IdentityProvider() {
    router.add(http::Method::get, "/realms/shop/certs", [this](const http::Request&) {
      ++fetches;
      if (down) return http::Response::text("maintenance", "text/plain", 503);
      return http::Response::json({{"keys", {key.public_jwk()}}});
    });
    server = std::make_unique<http::Server>(
        http::ServerOptions{.host = "127.0.0.1", .port = 0, .io_threads = 1, .workers = 1}, router, metrics);
    server->start();
  }
  std::string jwks_url() const { return "http://127.0.0.1:" + std::to_string(server->port()) + "/realms/shop/certs"; }

  std::string token(UserApp& u, const std::string& subject, boost::json::array roles,
                    const std::string& email = "zoe@idp.example") {
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(u.clock.now().time_since_epoch()).count();
    return jwt_sign(key, {{"iss", kIssuer},
                          {"sub", subject},
                          {"aud", "shop-api"},
                          {"exp", now + 300},
                          {"iat", now},
                          {"email", email},
                          {"email_verified", true},
                          {"name", "Zoe"},
                          {"realm_access", {{"roles", std::move(roles)}}}});
  }
};

// A token for the issuer under a key id it never published: anyone can make one, no key needed.
std::string unknown_key_token(UserApp& u, int n) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(u.clock.now().time_since_epoch()).count();
  return jwt_sign(SigningKey::generate("made-up-" + std::to_string(n), "ES256"),
                  {{"iss", kIssuer}, {"sub", "x"}, {"aud", "shop-api"}, {"exp", now + 300}, {"iat", now}});
}

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
  UserApp u(std::map<std::string, std::string>{{"auth.external.issuer", kIssuer},
                                               {"auth.external.jwks_url", idp.jwks_url()}});
  REQUIRE(u.call("GET", "/api/v1/users/me", nullptr, idp.token(u, "kc-9", {})).status == 200);
  idp.key = SigningKey::generate("idp-key-2", "RS256");  // the provider rotates its key
  u.clock.advance(std::chrono::seconds(11));
  REQUIRE(u.call("GET", "/api/v1/users/me", nullptr, idp.token(u, "kc-9", {})).status == 200);
  REQUIRE(idp.fetches == 2);
}

TEST_CASE("a provider role named like one of ours grants nothing unless role_map maps it") {
  IdentityProvider idp;
  const std::map<std::string, std::string> config{{"auth.external.issuer", kIssuer},
                                                  {"auth.external.jwks_url", idp.jwks_url()}};
  UserApp strict(config);
  REQUIRE(strict.call("GET", "/api/v1/admin/users", nullptr, idp.token(strict, "kc-1", {"admin", "support"})).status ==
          403);

  auto trusting_config = config;
  trusting_config["auth.external.same_named_roles"] = "true";
  UserApp trusting(trusting_config);
  REQUIRE(trusting.call("GET", "/api/v1/admin/users", nullptr, idp.token(trusting, "kc-1", {"admin"})).status == 200);
}

TEST_CASE("a provider's verified email never takes over a staff account, and links a customer's only when configured") {
  IdentityProvider idp;
  const std::map<std::string, std::string> config{{"auth.external.issuer", kIssuer},
                                                  {"auth.external.jwks_url", idp.jwks_url()}};
  const auto verified = [](UserApp& u, const std::string& email) {
    u.db().transact([&](Tx& tx) {
      prepared::run(tx.sql(), "UPDATE \"user\".accounts SET email_verified = true WHERE email = $1", {email});
    });
  };
  SECTION("not configured: a new account, even for a customer's email") {
    UserApp u(config);
    const auto admin = u.admin_token("root@example.com");
    const auto admin_id = u.call("GET", "/api/v1/users/me", nullptr, admin).json().at("id");
    const auto taker = u.call("GET", "/api/v1/users/me", nullptr, idp.token(u, "kc-root", {}, "root@example.com"));
    REQUIRE(taker.status == 200);
    REQUIRE(taker.json().at("id") != admin_id);
    REQUIRE(taker.json().at("email") != "root@example.com");
    REQUIRE(taker.json().at("roles") == boost::json::array{"customer"});

    REQUIRE(u.register_user("cus@example.com").status == 201);
    verified(u, "cus@example.com");
    const auto other = u.call("GET", "/api/v1/users/me", nullptr, idp.token(u, "kc-cus", {}, "cus@example.com"));
    REQUIRE(other.json().at("email") != "cus@example.com");
  }
  SECTION("configured: a customer's account with that verified email links; a staff account never does") {
    auto linking = config;
    linking["auth.external.link_by_email"] = "true";
    UserApp u(linking);
    const auto admin = u.admin_token("root@example.com");
    verified(u, "root@example.com");
    const auto customer = id_of(u.register_user("cus@example.com"));
    const auto unverified = id_of(u.register_user("pre@example.com"));  // maybe not theirs: registered by someone else
    verified(u, "cus@example.com");

    const auto me = [&](const std::string& sub, const std::string& email) {
      return u.call("GET", "/api/v1/users/me", nullptr, idp.token(u, sub, {}, email)).json().at("id");
    };
    REQUIRE(me("kc-cus", "cus@example.com") == boost::json::value(customer));
    REQUIRE(me("kc-pre", "pre@example.com") != boost::json::value(unverified));
    REQUIRE(me("kc-root", "root@example.com") != u.call("GET", "/api/v1/users/me", nullptr, admin).json().at("id"));
  }
}

TEST_CASE(
    "while the provider is down, tokens it signed are refused at once and its key set is fetched once per interval") {
  IdentityProvider idp;
  idp.down = true;
  UserApp u(std::map<std::string, std::string>{{"auth.external.issuer", kIssuer},
                                               {"auth.external.jwks_url", idp.jwks_url()}});
  for (int i = 0; i < 20; ++i)
    REQUIRE(u.call("GET", "/api/v1/users/me", nullptr, idp.token(u, "kc-7", {})).status == 401);
  REQUIRE(idp.fetches == 1);  // the failed fetch counts toward the interval
  idp.down = false;
  REQUIRE(u.call("GET", "/api/v1/users/me", nullptr, idp.token(u, "kc-7", {})).status == 401);
  REQUIRE(idp.fetches == 1);
  u.clock.advance(std::chrono::seconds(11));
  REQUIRE(u.call("GET", "/api/v1/users/me", nullptr, idp.token(u, "kc-7", {})).status == 200);
  REQUIRE(idp.fetches == 2);
}

TEST_CASE(
    "a hanging provider holds one fetch at most: tokens naming unknown keys fail at once, other requests are served") {
  agora::test::SilentServer idp;  // a JWKS endpoint that never answers
  UserApp u(std::map<std::string, std::string>{{"auth.external.issuer", kIssuer},
                                               {"auth.external.jwks_url", idp.url("/realms/shop/certs")}});
  const auto ours = u.access_token("amy@example.com");
  std::vector<long> statuses(32);
  std::vector<std::thread> flood;
  for (int i = 0; i < 32; ++i)
    flood.emplace_back([&, i] {
      try {
        HttpClient client(u.base_url());
        statuses[i] =
            client.request("GET", "/api/v1/users/me", "", {{"Authorization", "Bearer " + unknown_key_token(u, i)}})
                .status;
      } catch (const std::exception&) {
        statuses[i] = -1;  // no answer at all
      }
    });
  agora::test::eventually([&] { return idp.connections > 0; }, std::chrono::seconds(3));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the rest of the flood arrives

  const auto started = std::chrono::steady_clock::now();
  const auto valid = u.call("GET", "/api/v1/users/me", nullptr, ours).status;
  const auto waited = std::chrono::steady_clock::now() - started;
  for (auto& t : flood) t.join();
  REQUIRE(valid == 200);
  REQUIRE(waited < std::chrono::seconds(1));
  REQUIRE(std::all_of(statuses.begin(), statuses.end(), [](long s) { return s == 401; }));
  REQUIRE(idp.connections == 1);
}

TEST_CASE("an external issuer that accepts any audience is refused in production") {
  REQUIRE_THROWS_WITH(
      UserApp(std::map<std::string, std::string>{{"auth.production", "true"},
                                                 {"auth.external.issuer", kIssuer},
                                                 {"auth.external.jwks_url", "http://127.0.0.1:9/certs"}}),
      Catch::Contains("auth.external.audience: required in production"));
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
  const auto made =
      run({"users", "create-admin", "--email", "ops@example.com", "--password-file", (dir / "password").string()});
  REQUIRE(made.first == 0);
  REQUIRE_THAT(made.second, Catch::Contains("administrator ops@example.com"));
  std::filesystem::remove_all(dir);

  soci::session sql(soci::postgresql, conninfo(url));
  std::string roles;
  sql << "SELECT array_to_string(roles, ',') FROM \"user\".accounts WHERE email = 'ops@example.com'", soci::into(roles);
  REQUIRE(roles == "customer,admin");
}
