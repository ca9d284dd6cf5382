// Stripe-Signature headers read and checked as Stripe's libraries check them: t and every v1 read
// (anything else passed over), an HMAC-SHA256 of "<t>.<body>" under the endpoint's secret, and a
// signing time within 300 s of our clock.
#include "gateways/stripe_signature.hpp"

#include <agora/core/error.hpp>
#include <catch2/catch.hpp>

using namespace agora;
using namespace agora::payment;
using namespace std::chrono_literals;

namespace {

const std::string kSecret = "whsec_test";
const std::string kBody = R"({"id":"evt_1"})";
// HMAC-SHA256 of "1700000000." + kBody under kSecret (made with Node's crypto).
const std::string kV1 = "c89214b5b5da833daed6f0b8c5bb6bd58cea9022bd80ccc78230f3942d632925";
const Timestamp kSignedAt = std::chrono::sys_seconds(1700000000s);

std::string refusal(std::optional<std::string_view> header, const std::string& body = kBody,
                    const std::string& secret = kSecret, Timestamp now = kSignedAt) {
  try {
    verify_stripe_signature(header, body, secret, now);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::bad_request);
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a Stripe-Signature header is read for its time and every v1, other schemes passed over") {
  const auto read = parse_stripe_signature("t=1700000000,v1=aa,v0=bb,v1=cc");
  REQUIRE(read);
  CHECK(read->timestamp == 1700000000);
  CHECK(read->v1 == std::vector<std::string>{"aa", "cc"});
  CHECK(parse_stripe_signature("v1=aa, t=12")->timestamp == 12);
}

TEST_CASE("a Stripe-Signature header without a time, without a v1, or with two times is not read") {
  for (const auto* header : {"", "v1=aa", "t=1700000000", "t=1700000000,v0=aa", "t=abc,v1=aa", "t=-5,v1=aa",
                             "t=12x,v1=aa", "t=1,t=2,v1=aa", "t=,v1=aa", "t=1700000000,v1="})
    CHECK_FALSE(parse_stripe_signature(header));
}

TEST_CASE("a body signed with the endpoint's secret within 300 s of now is accepted") {
  CHECK(refusal("t=1700000000,v1=" + kV1).empty());
  CHECK(refusal("t=1700000000,v1=" + kV1, kBody, kSecret, kSignedAt + 300s).empty());
  CHECK(refusal("t=1700000000,v1=" + kV1, kBody, kSecret, kSignedAt - 300s).empty());
}

TEST_CASE("any one v1 that matches is enough, as while Stripe rolls a secret") {
  CHECK(refusal("t=1700000000,v1=" + std::string(64, '0') + ",v1=" + kV1).empty());
}

TEST_CASE("a changed body, another secret, another time or a forged v1 is refused") {
  const auto signed_header = "t=1700000000,v1=" + kV1;
  CHECK(refusal(signed_header, R"({"id":"evt_2"})") == "invalid Stripe-Signature: no signature matches the body");
  CHECK(refusal(signed_header, kBody, "whsec_other") == "invalid Stripe-Signature: no signature matches the body");
  CHECK(refusal("t=1700000001,v1=" + kV1, kBody, kSecret, kSignedAt) ==
        "invalid Stripe-Signature: no signature matches the body");
  CHECK(refusal("t=1700000000,v1=" + std::string(64, 'f')) ==
        "invalid Stripe-Signature: no signature matches the body");
  CHECK(refusal("t=1700000000,v0=" + kV1) ==
        "invalid Stripe-Signature: the header has no t=<seconds> and v1=<signature>");
}

TEST_CASE("a signature made more than 300 s before or after now is refused") {
  const auto signed_header = "t=1700000000,v1=" + kV1;
  CHECK(refusal(signed_header, kBody, kSecret, kSignedAt + 301s) ==
        "invalid Stripe-Signature: signed more than 300 s from now");
  CHECK(refusal(signed_header, kBody, kSecret, kSignedAt - 301s) ==
        "invalid Stripe-Signature: signed more than 300 s from now");
}

TEST_CASE("a request without a Stripe-Signature header is refused") {
  CHECK(refusal(std::nullopt) == "invalid Stripe-Signature: the header is missing");
}
