// Signing keys at rest: sealed under the key-encryption key from the config, so that a dump of
// the database mints no token; the key-encryption key rotates without logging anyone out.
#include "crypto/key_encryption.hpp"
#include "crypto/signing_key.hpp"
#include "user_app.hpp"

#include <boost/describe/class.hpp>

#include <optional>

using namespace agora;
using namespace agora::user;
using namespace agora::user::test;

namespace {

const std::string kOldKek = "b2xkIGtleS1lbmNyeXB0aW9uIGtleSwgMzIgYnl0ZXM=";  // 32 bytes, base64
const std::string kNewKek = "bmV3IGtleS1lbmNyeXB0aW9uIGtleSwgMzIgYnl0ZXM=";

struct Row {
  std::string kid, alg, private_key, kek_id;  // kek_id "" when in clear
};
BOOST_DESCRIBE_STRUCT(Row, (), (kid, alg, private_key, kek_id))

std::vector<Row> dump(UserApp& u) {
  auto conn = u.db().acquire();
  return prepared::run(*conn, "SELECT kid, alg, private_key, coalesce(kek_id, '') AS kek_id FROM \"user\".signing_keys")
      .all<Row>();
}

std::string whole_table(UserApp& u) {
  auto conn = u.db().acquire();
  return prepared::run(*conn,
                       "SELECT coalesce(string_agg(CAST(k AS text), E'\\n'), '') AS text FROM \"user\".signing_keys k")
      .get<std::string>(0, "text");
}

std::map<std::string, std::string> keks(const std::string& current, const std::string& previous = "") {
  return {{"auth.key_encryption_secret", current}, {"auth.previous_key_encryption_secrets", previous}};
}

Config on_database(const std::string& url, const std::map<std::string, std::string>& overrides) {
  return agora::test::test_config_for(url, overrides);
}

}  // namespace

TEST_CASE("a dump of the signing-key table holds no private key material") {
  UserApp u(keks(kOldKek));
  const auto admin = u.admin_token("root@example.com");
  REQUIRE(u.call("POST", "/api/v1/admin/auth/keys/rotate", nullptr, admin).status == 201);  // two keys now
  const auto rows = dump(u);
  REQUIRE(rows.size() == 2);
  REQUIRE_THAT(whole_table(u), !Catch::Contains("PRIVATE KEY"));
  for (const auto& r : rows) {
    REQUIRE(r.kek_id == KeyEncryption(kOldKek, "").current_id());
    REQUIRE_THROWS(SigningKey::from_private_pem(r.kid, r.alg, r.private_key));
    REQUIRE_THROWS(KeyEncryption(kNewKek, "").open(r.kid, {r.kek_id, r.private_key}));  // only its KEK opens it
  }
  REQUIRE(u.call("GET", "/api/v1/users/me", nullptr, admin).status == 200);
}

TEST_CASE("rotating the key-encryption key re-seals every signing key at start and keeps old tokens verifying") {
  const auto url = agora::test::Stores::get().fresh_database();
  std::string token;
  {
    UserApp first(on_database(url, keks(kOldKek)));
    token = first.admin_token("root@example.com");
    REQUIRE(first.call("POST", "/api/v1/admin/auth/keys/rotate", nullptr, token).status == 201);
  }
  {
    UserApp rotated(on_database(url, keks(kNewKek, kOldKek)));
    for (const auto& r : dump(rotated)) REQUIRE(r.kek_id == KeyEncryption(kNewKek, "").current_id());
    REQUIRE(rotated.call("GET", "/api/v1/users/me", nullptr, token).status == 200);
  }
  {
    UserApp old_kek_retired(on_database(url, keks(kNewKek)));
    REQUIRE(old_kek_retired.call("GET", "/api/v1/users/me", nullptr, token).status == 200);
    REQUIRE(old_kek_retired.login("root@example.com").status == 200);
  }
  // An instance that cannot open the keys refuses to start rather than refuse every token.
  REQUIRE_THROWS_WITH(UserApp(on_database(url, keks(kOldKek))), Catch::Contains("not configured"));
}

TEST_CASE("keys kept in clear where no key-encryption key was configured are sealed by the first start with one") {
  const auto url = agora::test::Stores::get().fresh_database();
  std::string token;
  {
    UserApp development(on_database(url, keks("")));
    token = development.access_token("dev@example.com");
    REQUIRE(dump(development).at(0).kek_id.empty());
  }
  UserApp sealed(on_database(url, keks(kNewKek)));
  REQUIRE_THAT(whole_table(sealed), !Catch::Contains("PRIVATE KEY"));
  REQUIRE(dump(sealed).at(0).kek_id == KeyEncryption(kNewKek, "").current_id());
  REQUIRE(sealed.call("GET", "/api/v1/users/me", nullptr, token).status == 200);
}

TEST_CASE("production refuses to start without a key-encryption key") {
  auto production = keks("");
  production["auth.production"] = "true";
  REQUIRE_THROWS_WITH(UserApp(production), Catch::Contains("auth.key_encryption_secret: required in production"));

  ConfigSources sources;  // config/production.toml reads it from KEY_ENCRYPTION_SECRET, which is not set here
  sources.dir = std::string(AGORA_SOURCE_DIR) + "/config";
  sources.env = "production";
  sources.overrides = {{"database.url", "postgresql://agora@127.0.0.1/agora"}};
  REQUIRE_THROWS_WITH(Config::load(sources, {make_module()->config_section()}),
                      Catch::Contains("KEY_ENCRYPTION_SECRET"));
}
