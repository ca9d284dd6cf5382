#include "domain/totp.hpp"

#include <agora/core/error.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace agora::user {
namespace {

// RFC 6238 Appendix B seeds: the ASCII digits repeated to the hash's block-friendly length.
const std::string kSeed20 = "12345678901234567890";
const std::string kSeed32 = "12345678901234567890123456789012";
const std::string kSeed64 = "1234567890123456789012345678901234567890123456789012345678901234";

struct Rfc6238Vector {
  std::int64_t time;
  const char* sha1;
  const char* sha256;
  const char* sha512;
};

const Rfc6238Vector kRfc6238[] = {
    {59, "94287082", "46119246", "90693936"},         {1111111109, "07081804", "68084774", "25091201"},
    {1111111111, "14050471", "67062674", "99943326"}, {1234567890, "89005924", "91819424", "93441116"},
    {2000000000, "69279037", "90698825", "38618901"}, {20000000000, "65353130", "77737706", "47863826"},
};

constexpr std::int64_t kNow = 1111111111;  // step 37037037, 1 s into it

}  // namespace

TEST_CASE("TOTP produces every RFC 6238 Appendix B value for SHA-1, SHA-256 and SHA-512") {
  for (const auto& v : kRfc6238) {
    INFO("time " << v.time);
    CHECK(totp(kSeed20, v.time, 8, TotpAlgorithm::sha1) == v.sha1);
    CHECK(totp(kSeed32, v.time, 8, TotpAlgorithm::sha256) == v.sha256);
    CHECK(totp(kSeed64, v.time, 8, TotpAlgorithm::sha512) == v.sha512);
  }
}

TEST_CASE("HOTP produces every RFC 4226 Appendix D value") {
  const char* const expected[] = {"755224", "287082", "359152", "969429", "338314",
                                  "254676", "287922", "162583", "399871", "520489"};
  for (std::uint64_t counter = 0; counter < 10; ++counter) {
    INFO("counter " << counter);
    CHECK(hotp(kSeed20, counter) == expected[counter]);
  }
}

TEST_CASE("TOTP defaults to six SHA-1 digits over 30-second steps") {
  CHECK(totp(kSeed20, 59) == "287082");  // step 1 of RFC 4226
  CHECK(totp(kSeed20, 60) == totp(kSeed20, 89));
  CHECK(totp(kSeed20, 89) != totp(kSeed20, 90));
  CHECK(totp(kSeed20, 59, 6, TotpAlgorithm::sha1, 60) == "755224");
}

TEST_CASE("one-time passwords refuse impossible parameters") {
  CHECK_THROWS_AS(hotp(kSeed20, 0, 5), Error);
  CHECK_THROWS_AS(hotp(kSeed20, 0, 9), Error);
  CHECK_THROWS_AS(hotp("", 0), Error);
  CHECK_THROWS_AS(totp(kSeed20, -1), Error);
  CHECK_THROWS_AS(totp(kSeed20, 59, 6, TotpAlgorithm::sha1, 0), Error);
  CHECK_THROWS_AS(totp_match(kSeed20, "123456", kNow, -1), Error);
}

TEST_CASE("a current TOTP code matches and reports its time step") {
  CHECK(totp_match(kSeed20, totp(kSeed20, kNow), kNow) == kNow / 30);
  CHECK(totp_match(kSeed20, totp(kSeed20, kNow), kNow, 0) == kNow / 30);
}

TEST_CASE("a code from the previous or next step is accepted within window 1") {
  CHECK(totp_match(kSeed20, totp(kSeed20, kNow - 30), kNow) == kNow / 30 - 1);
  CHECK(totp_match(kSeed20, totp(kSeed20, kNow + 30), kNow) == kNow / 30 + 1);
  CHECK_FALSE(totp_match(kSeed20, totp(kSeed20, kNow - 30), kNow, 0));
}

TEST_CASE("a code two steps away is rejected within window 1 but accepted within window 2") {
  CHECK_FALSE(totp_match(kSeed20, totp(kSeed20, kNow - 60), kNow));
  CHECK_FALSE(totp_match(kSeed20, totp(kSeed20, kNow + 60), kNow));
  CHECK(totp_match(kSeed20, totp(kSeed20, kNow - 60), kNow, 2) == kNow / 30 - 2);
}

TEST_CASE("a wrong or malformed TOTP code is rejected") {
  const std::string code = totp(kSeed20, kNow);
  std::string wrong = code;
  wrong[5] = static_cast<char>('0' + (wrong[5] - '0' + 1) % 10);
  REQUIRE(wrong != totp(kSeed20, kNow - 30));
  REQUIRE(wrong != totp(kSeed20, kNow + 30));
  CHECK_FALSE(totp_match(kSeed20, wrong, kNow));
  CHECK_FALSE(totp_match("another secret", code, kNow));
  CHECK_FALSE(totp_match(kSeed20, "", kNow));
  CHECK_FALSE(totp_match(kSeed20, code.substr(0, 5), kNow));
  CHECK_FALSE(totp_match(kSeed20, code + "0", kNow));
  CHECK_FALSE(totp_match(kSeed20, "12 456", kNow));
  CHECK_FALSE(totp_match(kSeed20, "-12345", kNow));
  CHECK_FALSE(totp_match(kSeed20, totp(kSeed20, kNow, 8), kNow));
}

TEST_CASE("a code near the epoch does not match a step before 1970") {
  CHECK(totp_match(kSeed20, totp(kSeed20, 0), 10) == 0);
  CHECK_FALSE(totp_match(kSeed20, totp(kSeed20, 0), -100));
}

TEST_CASE("base32 encodes the RFC 4648 test vectors without padding") {
  CHECK(base32_encode("") == "");
  CHECK(base32_encode("f") == "MY");
  CHECK(base32_encode("fo") == "MZXQ");
  CHECK(base32_encode("foo") == "MZXW6");
  CHECK(base32_encode("foob") == "MZXW6YQ");
  CHECK(base32_encode("fooba") == "MZXW6YTB");
  CHECK(base32_encode("foobar") == "MZXW6YTBOI");
}

TEST_CASE("base32 decodes the RFC 4648 test vectors with or without padding, in any case") {
  CHECK(base32_decode("") == "");
  CHECK(base32_decode("MY======") == "f");
  CHECK(base32_decode("MZXQ====") == "fo");
  CHECK(base32_decode("MZXW6===") == "foo");
  CHECK(base32_decode("MZXW6YQ=") == "foob");
  CHECK(base32_decode("MZXW6YTB") == "fooba");
  CHECK(base32_decode("MZXW6YTBOI======") == "foobar");
  CHECK(base32_decode("MZXW6YTBOI") == "foobar");
  CHECK(base32_decode("mzxw6ytboi") == "foobar");
}

TEST_CASE("a secret encoded for an authenticator decodes back to the same bytes") {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(255 - i));
  for (std::size_t len = 0; len <= 40; ++len) {
    const std::string secret = bytes.substr(0, len);
    CHECK(base32_decode(base32_encode(secret)) == secret);
  }
  CHECK(base32_decode(base32_encode(bytes)) == bytes);
}

TEST_CASE("base32 decoding rejects characters outside the alphabet and impossible lengths") {
  CHECK_FALSE(base32_decode("MZXW1YTB"));  // '1' is not base32
  CHECK_FALSE(base32_decode("MZXW0YTB"));
  CHECK_FALSE(base32_decode("MZXW6YT8"));
  CHECK_FALSE(base32_decode("MZXW 6YTB"));
  CHECK_FALSE(base32_decode("MZ=XW6YTB"));
  CHECK_FALSE(base32_decode("M"));
  CHECK_FALSE(base32_decode("MZX"));
  CHECK_FALSE(base32_decode("MZXW6Y"));
}

TEST_CASE("an otpauth URI names the issuer and account and advertises what totp_match checks") {
  CHECK(otpauth_uri("Agora", "alice", "JBSWY3DPEHPK3PXP") ==
        "otpauth://totp/Agora:alice?secret=JBSWY3DPEHPK3PXP&issuer=Agora&algorithm=SHA1&digits=6&period=30");
}

TEST_CASE("an otpauth URI percent-encodes spaces, colons and other reserved characters") {
  CHECK(otpauth_uri("Agora Shop: EU", "alice+mfa@example.com", "JBSWY3DPEHPK3PXP") ==
        "otpauth://totp/Agora%20Shop%3A%20EU:alice%2Bmfa%40example.com?secret=JBSWY3DPEHPK3PXP"
        "&issuer=Agora%20Shop%3A%20EU&algorithm=SHA1&digits=6&period=30");
  CHECK(otpauth_uri("a-b_c.d~e", "\xc3\xa9", "AB") ==
        "otpauth://totp/a-b_c.d~e:%C3%A9?secret=AB&issuer=a-b_c.d~e&algorithm=SHA1&digits=6&period=30");
}

}  // namespace agora::user
