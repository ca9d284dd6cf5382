#include "crypto/base64url.hpp"
#include "crypto/jwt.hpp"
#include "crypto/key_encryption.hpp"
#include "crypto/signing_key.hpp"

#include <agora/core/error.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace agora::user {
namespace {

const boost::json::object kClaims{{"sub", "user-42"}, {"iss", "https://auth.agora.test"}, {"exp", 1900000000}};

// Key generation (RSA especially) is slow, so each test reuses one key per algorithm.
const SigningKey& shared_key(std::string_view alg) {
  static const SigningKey es256 = SigningKey::generate("es-1", "ES256");
  static const SigningKey rs256 = SigningKey::generate("rs-1", "RS256");
  return alg == "ES256" ? es256 : rs256;
}

std::string signed_token(const SigningKey& key, const boost::json::object& header,
                         const boost::json::object& claims = kClaims) {
  const std::string input =
      base64url_encode(boost::json::serialize(header)) + "." + base64url_encode(boost::json::serialize(claims));
  return input + "." + base64url_encode(key.sign(input));
}

bool token_ok(std::string_view token, const SigningKey& key) {
  const auto decoded = jwt_decode(token);
  return decoded && jwt_signature_ok(*decoded, key);
}

void require_jwk_refused(const boost::json::object& jwk) {
  try {
    SigningKey::from_jwk(jwk);
    FAIL("from_jwk accepted " << boost::json::serialize(jwk));
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::unauthorized);
  }
}

const char* const kAlgs[] = {"ES256", "RS256"};

}  // namespace

TEST_CASE("base64url encodes the RFC 4648 test vectors without padding") {
  CHECK(base64url_encode("") == "");
  CHECK(base64url_encode("f") == "Zg");
  CHECK(base64url_encode("fo") == "Zm8");
  CHECK(base64url_encode("foo") == "Zm9v");
  CHECK(base64url_encode("foob") == "Zm9vYg");
  CHECK(base64url_encode("fooba") == "Zm9vYmE");
  CHECK(base64url_encode("foobar") == "Zm9vYmFy");
  CHECK(base64url_decode("Zm9vYmE") == "fooba");
  CHECK(base64url_decode("") == "");
}

TEST_CASE("base64url uses the url alphabet instead of '+' and '/'") {
  CHECK(base64url_encode("\xfb\xff\xfe") == "-__-");
  CHECK(base64url_decode("-__-") == "\xfb\xff\xfe");
}

TEST_CASE("base64url round-trips every byte value at every length") {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  for (std::size_t len = 0; len <= all.size(); len += 7) {
    const std::string bytes = all.substr(all.size() - len);
    CHECK(base64url_decode(base64url_encode(bytes)) == bytes);
  }
}

TEST_CASE("base64url decoding rejects padding, foreign characters and impossible lengths") {
  CHECK_FALSE(base64url_decode("Zg=="));
  CHECK_FALSE(base64url_decode("Zm8="));
  CHECK_FALSE(base64url_decode("Zm9v+"));
  CHECK_FALSE(base64url_decode("Zm/v"));
  CHECK_FALSE(base64url_decode("Zm 9v"));
  CHECK_FALSE(base64url_decode("Zm9vY"));
  CHECK_FALSE(base64url_decode("Z"));
  // "Zh" carries non-zero unused bits: a second spelling of "f" that would make tokens malleable.
  CHECK_FALSE(base64url_decode("Zh"));
}

TEST_CASE("an ES256 or RS256 token verifies with the key that signed it") {
  for (const char* alg : kAlgs) {
    INFO(alg);
    const SigningKey& key = shared_key(alg);
    const std::string token = jwt_sign(key, kClaims);
    const auto decoded = jwt_decode(token);
    REQUIRE(decoded);
    CHECK(decoded->header.at("alg") == alg);
    CHECK(decoded->header.at("typ") == "JWT");
    CHECK(decoded->header.at("kid").as_string() == key.kid());
    CHECK(decoded->claims == kClaims);
    CHECK(decoded->signing_input == token.substr(0, token.rfind('.')));
    CHECK(jwt_signature_ok(*decoded, key));
  }
}

TEST_CASE("an ES256 signature is the 64-byte R||S form, not DER") {
  const SigningKey& key = shared_key("ES256");
  for (int i = 0; i < 20; ++i) CHECK(key.sign("payload " + std::to_string(i)).size() == 64);
  CHECK(shared_key("RS256").sign("payload").size() == 256);
}

TEST_CASE("a token with a tampered payload does not verify") {
  for (const char* alg : kAlgs) {
    INFO(alg);
    const std::string token = jwt_sign(shared_key(alg), kClaims);
    auto claims = kClaims;
    claims["sub"] = "admin";
    const auto first = token.find('.');
    const auto second = token.rfind('.');
    const std::string forged =
        token.substr(0, first + 1) + base64url_encode(boost::json::serialize(claims)) + token.substr(second);
    REQUIRE(jwt_decode(forged));
    CHECK_FALSE(token_ok(forged, shared_key(alg)));
  }
}

TEST_CASE("a token with a tampered signature does not verify") {
  for (const char* alg : kAlgs) {
    INFO(alg);
    const SigningKey& key = shared_key(alg);
    auto decoded = jwt_decode(jwt_sign(key, kClaims));
    REQUIRE(decoded);
    decoded->signature[10] = static_cast<char>(decoded->signature[10] ^ 0x01);
    CHECK_FALSE(jwt_signature_ok(*decoded, key));
    decoded->signature.pop_back();
    CHECK_FALSE(jwt_signature_ok(*decoded, key));
  }
}

TEST_CASE("a token signed by another key of the same algorithm does not verify") {
  for (const char* alg : kAlgs) {
    INFO(alg);
    const SigningKey other = SigningKey::generate(shared_key(alg).kid(), alg);
    CHECK_FALSE(token_ok(jwt_sign(other, kClaims), shared_key(alg)));
  }
}

TEST_CASE("a token with header alg none and an empty signature does not verify") {
  for (const char* alg : kAlgs) {
    INFO(alg);
    const boost::json::object header{{"alg", "none"}, {"typ", "JWT"}, {"kid", shared_key(alg).kid()}};
    const std::string token = base64url_encode(boost::json::serialize(header)) + "." +
                              base64url_encode(boost::json::serialize(kClaims)) + ".";
    const auto decoded = jwt_decode(token);
    REQUIRE(decoded);
    CHECK(decoded->signature.empty());
    CHECK_FALSE(jwt_signature_ok(*decoded, shared_key(alg)));
  }
}

TEST_CASE("a token with alg HS256 keyed with the published public key does not verify") {
  for (const char* alg : kAlgs) {
    INFO(alg);
    const SigningKey& key = shared_key(alg);
    // The attacker knows the public key from our JWKS and uses its bytes as the HMAC secret.
    const std::string secret = boost::json::serialize(key.public_jwk());
    const boost::json::object header{{"alg", "HS256"}, {"typ", "JWT"}, {"kid", key.kid()}};
    const std::string input =
        base64url_encode(boost::json::serialize(header)) + "." + base64url_encode(boost::json::serialize(kClaims));
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_size = 0;
    REQUIRE(HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
                 reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &mac_size));
    const std::string token =
        input + "." + base64url_encode(std::string_view(reinterpret_cast<const char*>(mac), mac_size));
    CHECK_FALSE(token_ok(token, key));
  }
}

TEST_CASE("a token whose header alg differs from the key's alg does not verify") {
  const std::string es_token = jwt_sign(shared_key("ES256"), kClaims);
  CHECK_FALSE(token_ok(es_token, shared_key("RS256")));
  const std::string rs_token = jwt_sign(shared_key("RS256"), kClaims);
  CHECK_FALSE(token_ok(rs_token, shared_key("ES256")));
}

TEST_CASE("a correctly signed token that declares critical header extensions does not verify") {
  const SigningKey& key = shared_key("ES256");
  const boost::json::object header{{"alg", "ES256"}, {"kid", key.kid()}, {"crit", boost::json::array{"exp"}}};
  CHECK_FALSE(token_ok(signed_token(key, header), key));
  const boost::json::object plain{{"alg", "ES256"}, {"kid", key.kid()}};
  CHECK(token_ok(signed_token(key, plain), key));
}

TEST_CASE("a key reloaded from its private PEM verifies tokens of the original and signs alike") {
  for (const char* alg : kAlgs) {
    INFO(alg);
    const SigningKey& key = shared_key(alg);
    const std::string pem = key.private_pem();
    CHECK(pem.rfind("-----BEGIN PRIVATE KEY-----", 0) == 0);
    const SigningKey reloaded = SigningKey::from_private_pem(key.kid(), alg, pem);
    CHECK(reloaded.has_private());
    CHECK(reloaded.kid() == key.kid());
    CHECK(reloaded.alg() == alg);
    CHECK(token_ok(jwt_sign(key, kClaims), reloaded));
    CHECK(token_ok(jwt_sign(reloaded, kClaims), key));
    CHECK(reloaded.public_jwk() == key.public_jwk());
  }
}

TEST_CASE("a private PEM that is garbage, encrypted or of the wrong algorithm is refused") {
  const auto kind_of = [](std::string_view alg, std::string_view pem) {
    try {
      SigningKey::from_private_pem("k", alg, pem);
    } catch (const Error& e) {
      return e.kind();
    }
    return ErrorKind::bad_request;  // not thrown
  };
  CHECK(kind_of("ES256", "not a pem") == ErrorKind::internal);
  CHECK(kind_of("ES256", shared_key("RS256").private_pem()) == ErrorKind::internal);
  CHECK(kind_of("RS256", shared_key("ES256").private_pem()) == ErrorKind::internal);
  CHECK(kind_of("HS256", shared_key("ES256").private_pem()) == ErrorKind::internal);
  // A throwaway P-256 key encrypted with passphrase "secret": it must fail, not prompt.
  const std::string encrypted =
      "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
      "MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAhapbS1VEkKSwICCAAw\n"
      "DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEOjcVcfhtFArPpbSzlNYfrwEgZC1\n"
      "MPkJb0vtuMn8d8PFJRAkXX5yWqaFi2uqHG8FM122LjyrJUnTIeYmu1C6DIGmPCn7\n"
      "tk3uPvTRRCmTBJgPBxHZ854MNZsy0TsRlimL5mjuhkDtGQAwZEk3uaQMQXaUIDZ3\n"
      "MQrizB56qePdk36Ld9+/yanyqmIKOP245BN9UsZ3HX6CjVAU7rRBCo5ZXHczlUs=\n"
      "-----END ENCRYPTED PRIVATE KEY-----\n";
  CHECK(kind_of("ES256", encrypted) == ErrorKind::internal);
}

TEST_CASE("generating a key for an unsupported algorithm is refused") {
  CHECK_THROWS_AS(SigningKey::generate("k", "HS256"), Error);
  CHECK_THROWS_AS(SigningKey::generate("k", "none"), Error);
}

TEST_CASE("a public JWK carries what a JWKS consumer needs and no private part") {
  const auto ec = shared_key("ES256").public_jwk();
  CHECK(ec.at("kty") == "EC");
  CHECK(ec.at("crv") == "P-256");
  CHECK(base64url_decode(ec.at("x").as_string())->size() == 32);
  CHECK(base64url_decode(ec.at("y").as_string())->size() == 32);
  CHECK(ec.at("kid") == "es-1");
  CHECK(ec.at("alg") == "ES256");
  CHECK(ec.at("use") == "sig");
  CHECK_FALSE(ec.contains("d"));

  const auto rsa = shared_key("RS256").public_jwk();
  CHECK(rsa.at("kty") == "RSA");
  CHECK(base64url_decode(rsa.at("n").as_string())->size() == 256);
  CHECK(rsa.at("e") == "AQAB");
  CHECK(rsa.at("alg") == "RS256");
  CHECK_FALSE(rsa.contains("d"));
}

TEST_CASE("a key rebuilt from a public JWK verifies the private key's tokens but cannot sign") {
  for (const char* alg : kAlgs) {
    INFO(alg);
    const SigningKey& key = shared_key(alg);
    const SigningKey published = SigningKey::from_jwk(key.public_jwk());
    CHECK_FALSE(published.has_private());
    CHECK(published.kid() == key.kid());
    CHECK(published.alg() == alg);
    CHECK(published.public_jwk() == key.public_jwk());
    CHECK(token_ok(jwt_sign(key, kClaims), published));
    CHECK_FALSE(token_ok(jwt_sign(SigningKey::generate("x", alg), kClaims), published));
    CHECK_THROWS_AS(published.sign("data"), Error);
    CHECK_THROWS_AS(published.private_pem(), Error);
  }
}

TEST_CASE("a JWK without alg gets the algorithm of its key type") {
  auto jwk = shared_key("RS256").public_jwk();
  jwk.erase("alg");
  jwk.erase("kid");
  const SigningKey key = SigningKey::from_jwk(jwk);
  CHECK(key.alg() == "RS256");
  CHECK(key.kid().empty());
}

TEST_CASE("a malformed or unsupported JWK from an issuer is refused as unauthorized") {
  const auto ec = shared_key("ES256").public_jwk();
  const auto rsa = shared_key("RS256").public_jwk();
  const auto without = [](boost::json::object jwk, std::string_view field) {
    jwk.erase(field);
    return jwk;
  };
  const auto with = [](boost::json::object jwk, std::string_view field, boost::json::value value) {
    jwk[field] = std::move(value);
    return jwk;
  };

  SECTION("missing x") { require_jwk_refused(without(ec, "x")); }
  SECTION("missing kty") { require_jwk_refused(without(ec, "kty")); }
  SECTION("kty oct") { require_jwk_refused({{"kty", "oct"}, {"k", "c2VjcmV0"}, {"alg", "HS256"}}); }
  SECTION("another curve") { require_jwk_refused(with(ec, "crv", "P-384")); }
  SECTION("a point that is not on the curve") {
    std::string x = *base64url_decode(ec.at("x").as_string());
    x[31] = static_cast<char>(x[31] ^ 0x01);
    require_jwk_refused(with(ec, "x", boost::json::string(base64url_encode(x))));
  }
  SECTION("a short coordinate") { require_jwk_refused(with(ec, "y", "AQAB")); }
  SECTION("a coordinate that is not base64url") { require_jwk_refused(with(ec, "x", "not base64!")); }
  SECTION("a coordinate that is not a string") { require_jwk_refused(with(ec, "x", 12)); }
  SECTION("an alg that does not fit the key type") { require_jwk_refused(with(ec, "alg", "RS256")); }
  SECTION("an HMAC alg") { require_jwk_refused(with(rsa, "alg", "HS256")); }
  SECTION("an encryption key") { require_jwk_refused(with(rsa, "use", "enc")); }
  SECTION("missing e") { require_jwk_refused(without(rsa, "e")); }
  SECTION("a short RSA modulus") { require_jwk_refused(with(rsa, "n", "AQAB")); }
  SECTION("an exponent of one") { require_jwk_refused(with(rsa, "e", "AQ")); }
}

TEST_CASE("verify returns false for signatures of the wrong length or garbage") {
  for (const char* alg : kAlgs) {
    INFO(alg);
    const SigningKey& key = shared_key(alg);
    CHECK_FALSE(key.verify("data", ""));
    CHECK_FALSE(key.verify("data", "short"));
    CHECK_FALSE(key.verify("data", std::string(64, '\0')));
    CHECK_FALSE(key.verify("data", std::string(64, '\xff')));
    CHECK_FALSE(key.verify("data", std::string(256, '\x5a')));
    CHECK_FALSE(key.verify("data", std::string(1000, 'x')));
    CHECK(key.verify("data", key.sign("data")));
  }
}

TEST_CASE("jwt_decode rejects tokens that are not exactly three parts") {
  const std::string token = jwt_sign(shared_key("ES256"), kClaims);
  CHECK(jwt_decode(token));
  CHECK_FALSE(jwt_decode(""));
  CHECK_FALSE(jwt_decode("a.b"));
  CHECK_FALSE(jwt_decode("a.b.c.d"));
  CHECK_FALSE(jwt_decode(token + "."));
  CHECK_FALSE(jwt_decode(token.substr(0, token.rfind('.'))));
}

TEST_CASE("jwt_decode rejects parts that are not base64url JSON objects with a string alg") {
  const auto part = [](std::string_view json) { return base64url_encode(json); };
  const std::string header = part(R"({"alg":"ES256"})");
  const std::string claims = part(R"({"sub":"x"})");
  CHECK(jwt_decode(header + "." + claims + "."));
  CHECK_FALSE(jwt_decode(part("not json") + "." + claims + "."));
  CHECK_FALSE(jwt_decode(header + "." + part("{\"sub\":") + "."));
  CHECK_FALSE(jwt_decode(header + "." + part("[1,2]") + "."));
  CHECK_FALSE(jwt_decode(part("\"ES256\"") + "." + claims + "."));
  CHECK_FALSE(jwt_decode(part(R"({"typ":"JWT"})") + "." + claims + "."));
  CHECK_FALSE(jwt_decode(part(R"({"alg":256})") + "." + claims + "."));
  CHECK_FALSE(jwt_decode(header + "=." + claims + "."));
  CHECK_FALSE(jwt_decode(header + "." + claims + ".sig+nature"));
}

TEST_CASE("one key signs and verifies from several threads at once") {
  for (const char* alg : kAlgs) {
    INFO(alg);
    const SigningKey& key = shared_key(alg);
    const SigningKey copy = key;  // copies share the key
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < 10; ++i) {
          auto claims = kClaims;
          claims["n"] = t * 100 + i;
          const std::string token = jwt_sign(t % 2 ? key : copy, claims);
          if (!token_ok(token, t % 2 ? copy : key) || token_ok(token + "x", key)) ++failures;
        }
      });
    for (auto& thread : threads) thread.join();
    CHECK(failures == 0);
  }
}

TEST_CASE("a sealed private key opens only under its key-encryption key, unaltered, for the key it was sealed for") {
  const KeyEncryption kek("b2xkIGtleS1lbmNyeXB0aW9uIGtleSwgMzIgYnl0ZXM=", "");  // 32 bytes
  const auto pem = SigningKey::generate("kid-a", "ES256").private_pem();
  const auto sealed = kek.seal("kid-a", pem);
  REQUIRE(kek.open("kid-a", sealed) == pem);
  REQUIRE_THROWS_AS(kek.open("kid-b", sealed), Error);
  auto altered = sealed;
  altered.data[10] = altered.data[10] == 'A' ? 'B' : 'A';
  REQUIRE_THROWS_AS(kek.open("kid-a", altered), Error);
  REQUIRE_THROWS_AS(KeyEncryption("c2hvcnQ=", ""), std::invalid_argument);  // 5 bytes is no key
}

}  // namespace agora::user
