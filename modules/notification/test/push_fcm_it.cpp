// Push messages go out through an FCM emulator that verifies the service account's JWT with jose: the
// access token is got once and kept, renewed when it expires or FCM refuses it, tokens FCM no longer
// knows are removed, and FCM's temporary errors are tried again.
#include "push_fcm.hpp"

using namespace agora;
using namespace agora::notification;
using namespace agora::notification::test;
using namespace std::chrono_literals;

namespace {

struct PushTest {
  SmtpServer smtp;
  FcmEmulator fcm;
  KeyFile key{fcm.service_account()};
  NotificationApp app{smtp, push_config(key, fcm)};

  std::int64_t devices() { return app.count("SELECT count(*) FROM notification.device_tokens"); }
  // Waits until the emulator took `n` messages.
  bool took(std::size_t n) {
    return eventually([&] { return fcm.messages().size() == n; });
  }
};

}  // namespace

TEST_CASE("an order placed by a customer who chose push sends it to their device through FCM", "[push]") {
  PushTest t;
  const auto token = device_token();
  const auto customer = push_customer(t.app, {token});
  const auto order = place_for(t.app, customer);

  REQUIRE(t.app.reaches(Status::sent));
  REQUIRE(t.took(1));
  const auto sent = t.fcm.messages()[0];
  CHECK(sent.at("token").as_string() == token);
  CHECK(sent.at("notification").at("title").as_string().find(order.number) != std::string::npos);
  CHECK_FALSE(sent.at("notification").at("body").as_string().empty());
  const auto m = t.app.message();
  CHECK(m.channel == "push");
  CHECK(m.recipient == customer.id);
  CHECK(m.attempts == 1);
  CHECK(m.provider_id == std::string(sent.at("name").as_string()));
  CHECK(sent.at("data").at("message_id").as_string() == m.id);
  CHECK(sent.at("data").at("number").as_string() == order.number);
  CHECK(t.app.published<events::Sent>(m.id).at(0).channel == "push");
  CHECK(t.smtp.received().empty());  // the customer chose push only

  // The emulator took the grant: signed with the account's key (jose verified it) and asserting it.
  const auto grants = t.fcm.grants();
  REQUIRE(grants.size() == 1);
  const auto& claims = grants[0].at("claims");
  CHECK(claims.at("iss").as_string() == kClientEmail);
  CHECK(claims.at("aud").as_string() == t.fcm.token_uri());
  CHECK(claims.at("scope").as_string() == "https://www.googleapis.com/auth/firebase.messaging");
  CHECK(claims.at("exp").as_int64() - claims.at("iat").as_int64() == 3600);
  CHECK(grants[0].at("header").at("alg").as_string() == "RS256");
  CHECK(t.fcm.refused().empty());
}

TEST_CASE("the access token is got once and kept: two messages, one exchange", "[push]") {
  PushTest t;
  const auto customer = push_customer(t.app, {device_token()});
  place_for(t.app, customer);
  place_for(t.app, customer);
  REQUIRE(t.took(2));
  REQUIRE(eventually([&] {
    return t.app.count("SELECT count(*) FROM notification.messages WHERE status = 'sent' AND channel = 'push'") == 2;
  }));
  CHECK(t.fcm.exchanges() == 1);
}

TEST_CASE("a message to each device: sent when one took it, with the names of the messages FCM made", "[push]") {
  PushTest t;
  const auto customer = push_customer(t.app, {device_token("phone"), device_token("tablet")});
  place_for(t.app, customer);
  REQUIRE(t.app.reaches(Status::sent));
  REQUIRE(t.took(2));
  const auto messages = t.fcm.messages();
  const auto m = t.app.message();
  const std::string second(messages[1].at("name").as_string());
  CHECK(m.provider_id->starts_with("projects/" + kProject + "/messages/"));
  CHECK(m.provider_id->ends_with("," + second.substr(second.rfind('/') + 1)));
  CHECK(t.fcm.exchanges() == 1);
}

TEST_CASE("an access token that expired is renewed before the next message", "[push]") {
  PushTest t;
  t.fcm.tokens_expire_in(20);  // renewed 10 s before it expires
  const auto customer = push_customer(t.app, {device_token()});
  place_for(t.app, customer);
  REQUIRE(t.took(1));
  t.app.clock.advance(5s);
  place_for(t.app, customer);
  REQUIRE(t.took(2));
  CHECK(t.fcm.exchanges() == 1);
  t.app.clock.advance(6s);
  place_for(t.app, customer);
  REQUIRE(t.took(3));
  CHECK(t.fcm.exchanges() == 2);
  CHECK(t.fcm.unauthenticated() == 0);
}

TEST_CASE("an access token FCM refuses (401) is dropped: the message waits, and goes with a new token", "[push]") {
  PushTest t;
  const auto customer = push_customer(t.app, {device_token()});
  place_for(t.app, customer);
  REQUIRE(t.took(1));
  t.fcm.revoke_tokens();

  const auto second = place_for(t.app, customer);
  REQUIRE(eventually([&] {
    return t.app.count("SELECT count(*) FROM notification.messages WHERE status = 'queued' AND attempts = 1") == 1;
  }));
  CHECK(t.fcm.unauthenticated() == 1);
  CHECK(t.fcm.messages().size() == 1);
  t.app.clock.advance(1s);
  REQUIRE(t.took(2));
  CHECK(t.fcm.messages()[1].at("notification").at("title").as_string().find(second.number) != std::string::npos);
  CHECK(t.fcm.exchanges() == 2);
  CHECK(eventually([&] {
    return t.app.count("SELECT count(*) FROM notification.messages WHERE status = 'sent' AND attempts = 2") == 1;
  }));
}

TEST_CASE("a token FCM says is unregistered or malformed is removed; the other devices get the message", "[push]") {
  PushTest t;
  const auto good = device_token();
  const auto gone = device_token();
  const auto customer = push_customer(t.app, {good, gone, device_token("malformed")});
  t.fcm.unregister(gone);
  place_for(t.app, customer);
  REQUIRE(t.app.reaches(Status::sent));
  CHECK(t.fcm.messages().size() == 1);
  CHECK(t.fcm.messages()[0].at("token").as_string() == good);
  CHECK(eventually([&] { return t.devices() == 1; }));
  const auto listed = t.app.call("GET", "/api/v1/notifications/devices", nullptr, customer.token).json();
  REQUIRE(listed.at("items").as_array().size() == 1);
  CHECK(listed.at("items").at(0).at("token").as_string() == good);
}

TEST_CASE("a message whose user has no usable device left fails for good; a token FCM refuses otherwise stays",
          "[push]") {
  PushTest t;
  const auto customer = push_customer(t.app, {device_token("unregistered"), device_token("mismatched")});
  place_for(t.app, customer);
  REQUIRE(t.app.reaches(Status::failed));
  const auto m = t.app.message();
  CHECK(m.attempts == 1);
  REQUIRE(m.last_error);
  CHECK(m.last_error->find("UNREGISTERED") != std::string::npos);
  CHECK(m.last_error->find("SENDER_ID_MISMATCH") != std::string::npos);
  CHECK(t.app.published<events::Failed>(m.id).size() == 1);
  CHECK(t.devices() == 1);  // the mismatched one: FCM said nothing of the token itself
  CHECK(t.fcm.messages().empty());
}

TEST_CASE("FCM's temporary errors (429, 500, 503) leave the message to be tried again, and it goes then", "[push]") {
  const auto status = GENERATE(429, 500, 503);
  PushTest t;
  const auto customer = push_customer(t.app, {device_token()});
  t.fcm.fail_next(1, status);
  place_for(t.app, customer);
  REQUIRE(t.app.waits_after_first_attempt(std::to_string(status)));
  CHECK(t.fcm.messages().empty());
  t.app.clock.advance(1s);
  REQUIRE(t.app.reaches(Status::sent));
  CHECK(t.app.message().attempts == 2);
  CHECK(t.fcm.messages().size() == 1);
  CHECK(t.devices() == 1);
}

TEST_CASE("a JWT signed with another key is refused by the token endpoint: nothing is sent, the message waits",
          "[push]") {
  SmtpServer smtp;
  FcmEmulator fcm;
  KeyFile key{fcm.service_account(new_key_pair().private_pem)};
  NotificationApp app{smtp, push_config(key, fcm)};
  const auto customer = push_customer(app, {device_token()});
  place_for(app, customer);
  REQUIRE(app.waits_after_first_attempt("no access token for FCM"));
  CHECK(fcm.exchanges() == 0);
  REQUIRE(fcm.refused().size() == 1);
  CHECK(fcm.refused()[0].as_string().find("ERR_JWS_SIGNATURE_VERIFICATION_FAILED") != std::string::npos);
  CHECK(fcm.state().at("sends").as_int64() == 0);
}

TEST_CASE("without a device, a customer who chose push gets the order email instead", "[push]") {
  PushTest t;
  const auto customer = push_customer(t.app, {});
  place_for(t.app, customer);
  REQUIRE(t.app.reaches(Status::sent));
  CHECK(t.app.message().channel == "email");
  CHECK(t.smtp.wait_for(1).size() == 1);
  CHECK(t.fcm.state().at("sends").as_int64() == 0);
}
