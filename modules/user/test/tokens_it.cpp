// Access and refresh tokens: what is accepted, what is refused with 401, rotation of keys and refresh tokens.
#include "crypto/base64url.hpp"
#include "crypto/key_encryption.hpp"
#include "crypto/signing_key.hpp"
#include "user_app.hpp"

#include <thread>

using namespace agora;
using namespace agora::user;
using namespace agora::user::test;
using namespace std::chrono_literals;

namespace {

// The signing key the server uses now, read from its table and opened with the key-encryption
// key (the test plays a forger who stole both).
SigningKey current_key(UserApp& u) {
  auto conn = u.db().acquire();
  const auto key =
      prepared::run(*conn,
                    "SELECT kid, alg, private_key, kek_id FROM \"user\".signing_keys WHERE retired_at IS NULL"
                    " ORDER BY created_at DESC LIMIT 1");
  const auto kid = key.get<std::string>(0, "kid");
  return SigningKey::from_private_pem(
      kid, key.get<std::string>(0, "alg"),
      KeyEncryption(kKeyEncryptionKey, "")
          .open(kid, {key.get<std::string>(0, "kek_id"), key.get<std::string>(0, "private_key")}));
}

boost::json::object claims_of(const std::string& token) { return jwt_decode(token)->claims; }

long long unix_now(UserApp& u) {
  return std::chrono::duration_cast<std::chrono::seconds>(u.clock.now().time_since_epoch()).count();
}

}  // namespace

TEST_CASE("a registered user logs in and reads their profile with the access token") {
  UserApp u;
  const auto reg = u.register_user("  Ada@Example.COM ");
  REQUIRE(reg.status == 201);
  REQUIRE(reg.json().at("email") == "ada@example.com");
  const auto tokens = u.login("ada@example.com");
  REQUIRE(tokens.status == 200);
  REQUIRE(tokens.headers.at("cache-control") == "no-store");
  const auto body = tokens.json().as_object();
  REQUIRE(body.at("token_type") == "Bearer");
  REQUIRE(body.at("expires_in") == 900);
  const auto me = u.call("GET", "/api/v1/users/me", nullptr, std::string(body.at("access_token").as_string()));
  REQUIRE(me.status == 200);
  REQUIRE(me.json().at("id") == reg.json().at("id"));
  REQUIRE(me.json().at("roles") == boost::json::array{"customer"});
  REQUIRE(u.call("GET", "/api/v1/users/me").status == 401);
}

TEST_CASE("registration refuses a taken email, a weak password and a bad address, naming the field") {
  UserApp u;
  REQUIRE(u.register_user("bo@example.com").status == 201);
  const auto dup = u.register_user("BO@example.com");
  REQUIRE(dup.status == 409);
  REQUIRE(bad_fields(dup) == std::vector<std::string>{"email"});
  const auto short_pw = u.register_user("cy@example.com", "short");
  REQUIRE(short_pw.status == 422);
  REQUIRE(bad_fields(short_pw) == std::vector<std::string>{"password"});
  REQUIRE(u.register_user("cy@example.com", "password1234").status == 422);  // common
  REQUIRE(bad_fields(u.register_user("not-an-email")) == std::vector<std::string>{"email"});
  const auto incomplete = u.call("POST", "/api/v1/auth/register", {{"email", "dee@example.com"}});
  REQUIRE(incomplete.status == 422);
  REQUIRE(bad_fields(incomplete) == std::vector<std::string>{"name", "password"});
  REQUIRE(u.count("SELECT count(*) FROM \"user\".accounts") == 1);
}

TEST_CASE("a wrong password and an unknown account get the same 401") {
  UserApp u;
  REQUIRE(u.register_user("eve@example.com").status == 201);
  const auto wrong = u.login("eve@example.com", "not the password at all");
  const auto unknown = u.login("nobody@example.com");
  REQUIRE(wrong.status == 401);
  REQUIRE(unknown.status == 401);
  REQUIRE(problem(wrong).at("detail") == problem(unknown).at("detail"));
}

TEST_CASE("forged, expired, early, misaddressed and unsigned access tokens are refused with 401") {
  UserApp u;
  const auto good = u.access_token("fay@example.com");
  const auto key = current_key(u);
  auto claims = claims_of(good);
  const auto me = [&](const std::string& token) { return u.call("GET", "/api/v1/users/me", nullptr, token).status; };
  REQUIRE(me(good) == 200);
  REQUIRE(me(jwt_sign(key, claims)) == 200);  // the forger's control: the stolen key works

  auto with = [&](std::string_view name, boost::json::value v) {
    auto c = claims;
    c[name] = std::move(v);
    return jwt_sign(key, c);
  };
  SECTION("expired") { REQUIRE(me(with("exp", unix_now(u) - 120)) == 401); }
  SECTION("expiry passes on the clock") {
    u.clock.advance(16min);
    REQUIRE(me(good) == 401);
  }
  SECTION("not yet valid") { REQUIRE(me(with("nbf", unix_now(u) + 3600)) == 401); }
  SECTION("wrong audience") { REQUIRE(me(with("aud", "another-shop")) == 401); }
  SECTION("wrong issuer") { REQUIRE(me(with("iss", "https://evil.example")) == 401); }
  SECTION("no expiry") {
    auto c = claims;
    c.erase("exp");
    REQUIRE(me(jwt_sign(key, c)) == 401);
  }
  SECTION("tampered payload") {
    const auto dot1 = good.find('.'), dot2 = good.rfind('.');
    auto c = claims;
    c["roles"] = boost::json::array{"customer", "admin"};
    const auto forged = good.substr(0, dot1 + 1) + base64url_encode(boost::json::serialize(c)) + good.substr(dot2);
    REQUIRE(me(forged) == 401);
  }
  SECTION("alg none") {
    const auto header = base64url_encode(R"({"alg":"none","typ":"JWT","kid":")" + key.kid() + "\"}");
    REQUIRE(me(header + "." + base64url_encode(boost::json::serialize(claims)) + ".") == 401);
  }
  SECTION("signed by another key under the same kid") {
    const auto other = SigningKey::generate(key.kid(), "ES256");
    REQUIRE(me(jwt_sign(other, claims)) == 401);
  }
  SECTION("garbage") {
    REQUIRE(me("not-a-jwt") == 401);
    REQUIRE(u.http.request("GET", "/api/v1/users/me", "", {{"Authorization", "Basic YTpi"}}).status == 401);
  }
}

TEST_CASE("a refresh token rotates on use, and reusing an old one revokes the whole family") {
  UserApp u;
  const auto first = u.signed_up("gus@example.com");
  const auto refresh = [&](const boost::json::value& token) {
    return u.call("POST", "/api/v1/auth/token", {{"grant_type", "refresh_token"}, {"refresh_token", token}});
  };
  const auto second = refresh(first.at("refresh_token"));
  REQUIRE(second.status == 200);
  REQUIRE(second.json().at("refresh_token") != first.at("refresh_token"));
  REQUIRE(
      u.call("GET", "/api/v1/users/me", nullptr, std::string(second.json().at("access_token").as_string())).status ==
      200);

  const auto replay = refresh(first.at("refresh_token"));  // an attacker replays the stolen first token
  REQUIRE(replay.status == 401);
  REQUIRE(refresh(second.json().at("refresh_token")).status == 401);  // the legitimate chain is revoked too

  const auto other_login = u.login("gus@example.com");  // another session is untouched
  REQUIRE(refresh(other_login.json().at("refresh_token")).status == 200);
}

TEST_CASE("two concurrent uses of one refresh token: one wins, and the family is revoked as a replay") {
  UserApp u;
  const auto t = u.signed_up("ivy@example.com");
  const boost::json::value body{{"grant_type", "refresh_token"}, {"refresh_token", t.at("refresh_token")}};
  std::vector<HttpResult> results(2);
  std::vector<std::thread> threads;
  for (auto& r : results)
    threads.emplace_back([&u, &body, &r] {
      HttpClient client("http://127.0.0.1:" + std::to_string(u.app.port()));
      r = client.request("POST", "/api/v1/auth/token", boost::json::serialize(body),
                         {{"Content-Type", "application/json"}});
    });
  for (auto& th : threads) th.join();
  const auto winners = std::count_if(results.begin(), results.end(), [](const auto& r) { return r.status == 200; });
  REQUIRE(winners == 1);
  const auto& won = results[0].status == 200 ? results[0] : results[1];
  REQUIRE(u.call("POST", "/api/v1/auth/token",
                 {{"grant_type", "refresh_token"}, {"refresh_token", won.json().at("refresh_token")}})
              .status == 401);
}

TEST_CASE("logout revokes the refresh family; an expired refresh token is refused") {
  UserApp u;
  const auto t = u.signed_up("hal@example.com");
  REQUIRE(u.call("POST", "/api/v1/auth/logout", {{"refresh_token", t.at("refresh_token")}}).status == 204);
  REQUIRE(
      u.call("POST", "/api/v1/auth/token", {{"grant_type", "refresh_token"}, {"refresh_token", t.at("refresh_token")}})
          .status == 401);
  const auto t2 = u.login("hal@example.com").json();
  u.clock.advance(std::chrono::hours(24 * 31));
  REQUIRE(
      u.call("POST", "/api/v1/auth/token", {{"grant_type", "refresh_token"}, {"refresh_token", t2.at("refresh_token")}})
          .status == 401);
}

TEST_CASE("a rotated signing key keeps old tokens valid until they expire; JWKS publishes both keys") {
  UserApp u;
  const auto admin = u.admin_token("root@example.com");
  const auto old_kid = jwt_decode(admin)->header.at("kid");
  const auto rotated = u.call("POST", "/api/v1/admin/auth/keys/rotate", nullptr, admin);
  REQUIRE(rotated.status == 201);
  REQUIRE(rotated.json().at("kid") != old_kid);

  const auto fresh = std::string(u.login("root@example.com").json().at("access_token").as_string());
  REQUIRE(jwt_decode(fresh)->header.at("kid") == rotated.json().at("kid"));
  REQUIRE(u.call("GET", "/api/v1/users/me", nullptr, admin).status == 200);  // old key still verifies

  const auto jwks = u.call("GET", "/.well-known/jwks.json").json();
  std::vector<std::string> kids;
  for (const auto& k : jwks.at("keys").as_array()) {
    kids.emplace_back(k.at("kid").as_string());
    REQUIRE_FALSE(k.as_object().contains("d"));  // public parts only
    // Any JWT library can verify our tokens from the published JWK.
    REQUIRE((k.at("kid") != rotated.json().at("kid") ||
             jwt_signature_ok(*jwt_decode(fresh), SigningKey::from_jwk(k.as_object()))));
  }
  REQUIRE(kids.size() == 2);
  const auto discovery = u.call("GET", "/.well-known/openid-configuration").json();
  REQUIRE(discovery.at("jwks_uri") == "http://localhost:8080/.well-known/jwks.json");

  u.clock.advance(16min);  // the old token expired; the retired key leaves the key set at the next refresh
  REQUIRE(u.call("GET", "/api/v1/users/me", nullptr, admin).status == 401);
  REQUIRE(u.call("GET", "/api/v1/users/me", nullptr, fresh).status == 401);
}
