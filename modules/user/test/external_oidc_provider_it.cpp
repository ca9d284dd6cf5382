// The external issuer against a real OpenID Provider: panva's oidc-provider (test/oidc/provider.mjs,
// installed by `npm ci` in test/oidc) issuing RFC 9068 JWT access tokens for a resource indicator.
// Its tokens are verified as they are made: a changed byte, another key, another algorithm, another
// audience or a passed expiry is refused; its key rotation is followed; an admin lock, our role
// map and our staff accounts hold against whatever the provider says.
#include "crypto/base64url.hpp"
#include "crypto/signing_key.hpp"
#include "harness/eventually.hpp"
#include "harness/process.hpp"
#include "user_app.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <csignal>
#include <filesystem>

using namespace agora;
using namespace agora::user;
using namespace agora::user::test;
using agora::test::eventually;
using namespace std::chrono_literals;

namespace {

constexpr const char* kApi = "https://api.agora.test";  // the resource indicator our tokens are for

// One oidc-provider process on a loopback port; restarting it rotates its signing key.
class OpenIdProvider {
 public:
  OpenIdProvider() : port_(agora::test::free_port()) { start("op-key-1"); }
  ~OpenIdProvider() { stop(); }

  void start(const std::string& kid) {
    const std::string dir = std::string(AGORA_SOURCE_DIR) + "/test/oidc";
    if (!std::filesystem::exists(dir + "/node_modules/oidc-provider"))
      FAIL("oidc-provider is not installed: run `npm ci` in test/oidc (scripts/test.sh does)");
    pid_ = agora::test::spawn(
        {"node", dir + "/provider.mjs"},
        {.log_file = (std::filesystem::temp_directory_path() / ("agora-oidc-" + kid + ".log")).string(),
         .env = {{"PORT", std::to_string(port_)}, {"KID", kid}}});
    HttpClient probe(issuer());
    REQUIRE(eventually(
        [&] {
          try {
            return probe.request("GET", "/jwks").status == 200;
          } catch (const std::exception&) {
            return false;
          }
        },
        30s));
  }
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    agora::test::wait_exit(pid_);
    pid_ = -1;
  }

  std::string issuer() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::map<std::string, std::string> config() const {
    return {{"auth.external.issuer", issuer()},
            {"auth.external.jwks_url", issuer() + "/jwks"},
            {"auth.external.audience", kApi},
            {"auth.external.role_map", "shop-admins=admin"}};
  }

  // An access token for one of the provider's accounts (see provider.mjs for the test-only grant).
  std::string token(const std::string& account, const std::string& email, const std::string& roles = "",
                    const std::string& resource = kApi) {
    HttpClient client(issuer());
    const auto r = client.request("POST", "/token",
                                  "grant_type=urn:agora:test:account&client_id=agora-tests&client_secret=test-secret"
                                  "&account=" +
                                      account + "&email=" + email + "&roles=" + roles + "&resource=" + resource,
                                  {{"Content-Type", "application/x-www-form-urlencoded"}});
    REQUIRE(r.status == 200);
    return std::string(r.json().at("access_token").as_string());
  }

 private:
  unsigned short port_;
  pid_t pid_ = -1;
};

int me(UserApp& u, const std::string& token) { return u.call("GET", "/api/v1/users/me", nullptr, token).status; }

std::string hs256(const std::string& header, const boost::json::object& claims, const std::string& secret) {
  const auto input = base64url_encode(header) + "." + base64url_encode(boost::json::serialize(claims));
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &length);
  return input + "." + base64url_encode(std::string(reinterpret_cast<char*>(mac), length));
}

}  // namespace

TEST_CASE("a real OpenID Provider's access tokens are accepted as issued and refused when anything about them is off") {
  OpenIdProvider op;
  UserApp u(op.config());
  const auto token = op.token("zoe", "zoe@idp.example");
  const auto profile = u.call("GET", "/api/v1/users/me", nullptr, token);
  REQUIRE(profile.status == 200);
  REQUIRE(profile.json().at("email") == "zoe@idp.example");
  const auto decoded = *jwt_decode(token);
  REQUIRE(decoded.header.at("alg") == "RS256");
  REQUIRE(decoded.header.at("kid") == "op-key-1");

  SECTION("a tampered payload") {
    auto claims = decoded.claims;
    claims["realm_access"] = {{"roles", {"shop-admins"}}};
    const auto dot1 = token.find('.'), dot2 = token.rfind('.');
    REQUIRE(me(u, token.substr(0, dot1 + 1) + base64url_encode(boost::json::serialize(claims)) + token.substr(dot2)) ==
            401);
  }
  SECTION("signed by a foreign key under the provider's key id") {
    REQUIRE(me(u, jwt_sign(SigningKey::generate("op-key-1", "RS256"), decoded.claims)) == 401);
  }
  SECTION("alg confusion: HS256 keyed with the provider's public key, or none") {
    const auto jwks = HttpClient(op.issuer()).request("GET", "/jwks").body;
    const auto public_jwk = boost::json::serialize(boost::json::parse(jwks).at("keys").at(0));
    REQUIRE(me(u, hs256(R"({"alg":"HS256","typ":"at+jwt","kid":"op-key-1"})", decoded.claims, public_jwk)) == 401);
    REQUIRE(me(u, hs256(R"({"alg":"HS256","typ":"at+jwt","kid":"op-key-1"})", decoded.claims, jwks)) == 401);
    const auto unsigned_token = base64url_encode(R"({"alg":"none","kid":"op-key-1"})") + "." +
                                base64url_encode(boost::json::serialize(decoded.claims)) + ".";
    REQUIRE(me(u, unsigned_token) == 401);
  }
  SECTION("made for another API") {
    REQUIRE(me(u, op.token("zoe", "zoe@idp.example", "", "https://other-api.example")) == 401);
  }
  SECTION("expired (five minutes, plus our leeway)") {
    u.clock.advance(300s + 31s);
    REQUIRE(me(u, token) == 401);
  }
}

TEST_CASE("a real OpenID Provider rotates its key: tokens under the new key verify once the key set is fetched again") {
  OpenIdProvider op;
  UserApp u(op.config());
  REQUIRE(me(u, op.token("zoe", "zoe@idp.example")) == 200);
  op.stop();
  op.start("op-key-2");
  const auto rotated = op.token("zoe", "zoe@idp.example");
  REQUIRE(jwt_decode(rotated)->header.at("kid") == "op-key-2");
  u.clock.advance(11s);  // the key set is fetched again at most every 10 s
  REQUIRE(me(u, rotated) == 200);
}

TEST_CASE("a real OpenID Provider cannot outrank us: an admin lock, our role map and our staff accounts hold") {
  OpenIdProvider op;
  UserApp u(op.config());
  const auto admin = u.admin_token("root@example.com");
  u.db().transact([](Tx& tx) { tx.sql() << "UPDATE \"user\".accounts SET email_verified = true"; });

  SECTION("a role named admin grants nothing; the mapped one does") {
    REQUIRE(u.call("GET", "/api/v1/admin/users", nullptr, op.token("zoe", "zoe@idp.example", "admin")).status == 403);
    REQUIRE(u.call("GET", "/api/v1/admin/users", nullptr, op.token("zoe", "zoe@idp.example", "shop-admins")).status ==
            200);
  }
  SECTION("the provider's account with our administrator's email is not our administrator") {
    const auto theirs = u.call("GET", "/api/v1/users/me", nullptr, op.token("mallory", "root@example.com"));
    REQUIRE(theirs.status == 200);
    REQUIRE(theirs.json().at("id") != u.call("GET", "/api/v1/users/me", nullptr, admin).json().at("id"));
    REQUIRE(u.call("POST", "/api/v1/users/me/mfa/totp", nullptr, op.token("mallory", "root@example.com")).status /
                100 ==
            2);
    REQUIRE(u.count("SELECT count(*) FROM \"user\".mfa_totp m JOIN \"user\".accounts a ON a.id = m.user_id"
                    " WHERE a.email = 'root@example.com'") == 0);
  }
  SECTION("a locked user's fresh tokens are refused until the unlock") {
    const auto id = std::string(
        u.call("GET", "/api/v1/users/me", nullptr, op.token("zoe", "zoe@idp.example")).json().at("id").as_string());
    REQUIRE(u.call("POST", "/api/v1/admin/users/" + id + "/lock", {{"reason", "abuse"}}, admin).status == 200);
    REQUIRE(me(u, op.token("zoe", "zoe@idp.example")) == 401);
    REQUIRE(u.call("POST", "/api/v1/admin/users/" + id + "/unlock", nullptr, admin).status == 200);
    // Tokens the provider issued before the lock stay refused; one issued after it (iat has whole seconds) works.
    REQUIRE(eventually([&] { return me(u, op.token("zoe", "zoe@idp.example")) == 200; }, 5s));
  }
}
