// Twilio's side of SMS as pure rules: its request signatures, the form bodies it reads and sends, its
// answers read as a delivery attempt, its status callbacks read as reports, and what a report makes of
// a message.
#include "domain/delivery_report.hpp"
#include "sms/form.hpp"
#include "sms/twilio_answer.hpp"
#include "sms/twilio_auth.hpp"
#include "sms/twilio_status.hpp"

#include <catch2/catch.hpp>

using namespace agora;
using namespace agora::notification;
using namespace std::chrono_literals;

namespace {

// Twilio's published example (https://www.twilio.com/docs/usage/security#validating-requests).
const std::string kToken = "12345";
const std::string kUrl = "https://mycompany.com/myapp.php?foo=1&bar=2";
const FormFields kParams{{"CallSid", "CA1234567890ABCDE"},
                         {"Caller", "+12349013030"},
                         {"Digits", "1234"},
                         {"From", "+12349013030"},
                         {"To", "+18005551212"}};
const std::string kSignature = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

}  // namespace

TEST_CASE("Twilio's published signature example verifies, in any order of its parameters", "[sms]") {
  CHECK(twilio_signature(kToken, kUrl, kParams) == kSignature);
  const FormFields shuffled{kParams[4], kParams[2], kParams[0], kParams[3], kParams[1]};
  CHECK(twilio_signature_matches(kSignature, kToken, kUrl, shuffled));
}

TEST_CASE("a signature does not verify for another parameter value, URL or token, nor when missing", "[sms]") {
  auto tampered = kParams;
  tampered[2].second = "1235";
  CHECK_FALSE(twilio_signature_matches(kSignature, kToken, kUrl, tampered));
  auto added = kParams;
  added.emplace_back("Extra", "");
  CHECK_FALSE(twilio_signature_matches(kSignature, kToken, kUrl, added));
  CHECK_FALSE(twilio_signature_matches(kSignature, kToken, "https://mycompany.com/myapp.php?foo=1&bar=3", kParams));
  CHECK_FALSE(twilio_signature_matches(kSignature, "12346", kUrl, kParams));
  CHECK_FALSE(twilio_signature_matches(std::nullopt, kToken, kUrl, kParams));
  CHECK_FALSE(twilio_signature_matches("", kToken, kUrl, kParams));
}

TEST_CASE("Twilio's API is called with the account SID and auth token as Basic credentials", "[sms]") {
  // RFC 7617's example, and padding of every length.
  CHECK(basic_credentials("Aladdin", "open sesame") == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  CHECK(basic_credentials("AC1", "t") == "Basic QUMxOnQ=");
  CHECK(basic_credentials("AC", "t") == "Basic QUM6dA==");
}

TEST_CASE("a form body encodes every byte that could add a field, and decodes as Twilio sends it", "[sms]") {
  CHECK(form_encode({{"To", "+14155550123"}, {"Body", "Café & more=1"}}) ==
        "To=%2B14155550123&Body=Caf%C3%A9%20%26%20more%3D1");
  const auto decoded = form_decode("To=%2B14155550123&Body=Caf%C3%A9+%26+more%3D1&Empty=&Bare");
  REQUIRE(decoded);
  CHECK(*decoded == FormFields{{"To", "+14155550123"}, {"Body", "Café & more=1"}, {"Empty", ""}, {"Bare", ""}});
  CHECK(form_decode("")->empty());
  CHECK_FALSE(form_decode("a=%4"));
  CHECK_FALSE(form_decode("a=%zz"));
  CHECK_FALSE(form_decode("a%=1"));
}

TEST_CASE("Twilio's answers: taken is sent, 429 and 5xx are tried again, other refusals are final", "[sms]") {
  using Outcome = Delivery::Outcome;
  const auto taken = twilio_answer(201, R"({"sid": "SM0123456789abcdef0123456789abcdef", "status": "queued"})");
  CHECK(taken.outcome == Outcome::sent);
  CHECK(taken.provider_id == "SM0123456789abcdef0123456789abcdef");

  const auto invalid =
      twilio_answer(400, R"({"code": 21211, "message": "The 'To' number 123 is not a valid phone number.",
      "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400})");
  CHECK(invalid.outcome == Outcome::permanent_failure);
  CHECK(invalid.error ==
        "Twilio 400, error 21211: The 'To' number 123 is not a valid phone number. "
        "(https://www.twilio.com/docs/errors/21211)");
  CHECK(twilio_answer(401, R"({"code": 20003, "message": "Authenticate", "status": 401})").outcome ==
        Outcome::permanent_failure);
  CHECK(twilio_answer(404, "").outcome == Outcome::permanent_failure);
  CHECK(twilio_answer(429, R"({"code": 20429, "message": "Too Many Requests", "status": 429})").outcome ==
        Outcome::temporary_failure);
  CHECK(twilio_answer(500, "<html>oops</html>").outcome == Outcome::temporary_failure);
  CHECK(twilio_answer(503, "").error == "Twilio 503");
}

TEST_CASE("a status callback reads as delivered, failed with Twilio's error code, or nothing to record", "[sms]") {
  const auto delivered = read_twilio_status({{"MessageSid", "SM1"}, {"MessageStatus", "delivered"}});
  CHECK(delivered.message_sid == "SM1");
  REQUIRE(delivered.report);
  CHECK(delivered.report->outcome == DeliveryReport::Outcome::delivered);

  const auto undelivered =
      read_twilio_status({{"MessageSid", "SM2"}, {"MessageStatus", "undelivered"}, {"ErrorCode", "30003"}});
  REQUIRE(undelivered.report);
  CHECK(undelivered.report->outcome == DeliveryReport::Outcome::failed);
  CHECK(undelivered.report->error == "Twilio undelivered, error 30003 (https://www.twilio.com/docs/errors/30003)");
  const auto failed = read_twilio_status({{"MessageSid", "SM3"}, {"MessageStatus", "failed"}});
  REQUIRE(failed.report);
  CHECK(failed.report->error == "Twilio failed");

  CHECK_FALSE(read_twilio_status({{"MessageSid", "SM4"}, {"MessageStatus", "sent"}}).report);
  try {
    read_twilio_status({{"MessageStatus", "delivered bad"}});
    FAIL("a callback without MessageSid was read");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::validation);
    REQUIRE(e.fields().size() == 2);
    CHECK(e.fields()[0].field == "MessageSid");
    CHECK(e.fields()[1].field == "MessageStatus");
  }
}

TEST_CASE("a report moves a sent message on once; a report again or after another changes nothing", "[sms]") {
  Message sent;
  sent.status = Status::sent;
  const auto at = Timestamp{} + 5s;
  const auto delivered = after_report(sent, {DeliveryReport::Outcome::delivered, ""}, at);
  REQUIRE(delivered);
  CHECK(delivered->status == Status::delivered);
  CHECK(delivered->delivered_at == at);
  CHECK_FALSE(after_report(*delivered, {DeliveryReport::Outcome::delivered, ""}, at + 1s));
  CHECK_FALSE(after_report(*delivered, {DeliveryReport::Outcome::failed, "x"}, at + 1s));

  const auto failed = after_report(sent, {DeliveryReport::Outcome::failed, "Twilio undelivered, error 30005"}, at);
  REQUIRE(failed);
  CHECK(failed->status == Status::failed);
  CHECK(failed->last_error == "Twilio undelivered, error 30005");
  CHECK_FALSE(failed->delivered_at);
  CHECK_FALSE(after_report(*failed, {DeliveryReport::Outcome::delivered, ""}, at));

  Message queued;
  CHECK_FALSE(after_report(queued, {DeliveryReport::Outcome::delivered, ""}, at));
}
