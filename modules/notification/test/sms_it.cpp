// Order events become SMS at a Twilio emulator for customers who chose SMS and gave a phone, with
// Twilio's refusals told apart from its hiccups; Twilio's status callbacks, verified by their
// signature, record delivered and failed on the message.
#include "harness/capture_stdout.hpp"
#include "harness/problems.hpp"
#include "http/sms_callback_routes.hpp"
#include "notification_app.hpp"
#include "sms_emulator.hpp"

#include <agora/core/log.hpp>

#include <thread>

using namespace agora;
using namespace agora::notification;
using namespace agora::notification::test;
using namespace std::chrono_literals;

namespace {

const std::string kPassword = "correct horse battery staple";

// A customer signed up through the user module's API with `phone` ("" for none), who chose
// `order_channels` for order messages; returns their id.
std::string customer(NotificationApp& app, const std::string& email, const std::string& phone,
                     const boost::json::array& order_channels) {
  const auto registered =
      app.call("POST", "/api/v1/auth/register", {{"email", email}, {"password", kPassword}, {"name", "Sam"}});
  REQUIRE(registered.status == 201);
  app.forget_verification_email(email);
  const auto login =
      app.call("POST", "/api/v1/auth/token", {{"grant_type", "password"}, {"email", email}, {"password", kPassword}});
  REQUIRE(login.status == 200);
  const std::string token(login.json().at("access_token").as_string());
  if (!phone.empty()) REQUIRE(app.call("PATCH", "/api/v1/users/me", {{"phone", phone}}, token).status == 200);
  REQUIRE(
      app.call("PATCH", "/api/v1/users/me/preferences", {{"channels", {{"order", order_channels}}}}, token).status ==
      200);
  return std::string(registered.json().at("id").as_string());
}

order::events::Placed placed_by(const std::string& customer_id, const std::string& email) {
  return {new_id(), "A-" + new_id().substr(24), customer_id, email, "EUR", 4250};
}

// An order placed by a customer who chose SMS only; the SMS is sent (or failed) by the time it returns.
struct SmsSent {
  order::events::Placed order;
  Message message;
};

SmsSent sms_sent(NotificationApp& app, const std::string& phone = "+14155550123") {
  const auto order = placed_by(customer(app, "sam@example.com", phone, {"sms"}), "sam@example.com");
  app.publish(order);
  REQUIRE(app.reaches(Status::sent));
  return {order, app.message()};
}

std::string callback_address(NotificationApp& app) { return app.base_url() + std::string(kSmsStatusPath); }

}  // namespace

TEST_CASE("an order placed by a customer who chose SMS is texted to their phone through Twilio", "[sms]") {
  SmtpServer smtp;
  TwilioEmulator twilio;
  NotificationApp app(smtp, twilio.config());
  const auto [order, m] = sms_sent(app);

  const auto taken = twilio.taken();
  REQUIRE(taken.size() == 1);
  CHECK(taken[0].to == "+14155550123");
  CHECK(taken[0].from == kTwilioFrom);
  CHECK(taken[0].body.find(order.number) != std::string::npos);
  CHECK(taken[0].body.find("42.50 EUR") != std::string::npos);
  CHECK(taken[0].status_callback == kPublicCallbackUrl);
  CHECK(m.channel == "sms");
  CHECK(m.recipient == "+14155550123");
  CHECK(m.provider_id == taken[0].sid);
  CHECK(m.attempts == 1);
  const auto sent = app.published<events::Sent>(m.id);
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].channel == "sms");
  CHECK(sent[0].provider_id == taken[0].sid);
  CHECK(smtp.received().empty());  // SMS was all they chose
}

TEST_CASE("a customer with a phone who turned SMS off gets the email and no SMS", "[sms]") {
  SmtpServer smtp;
  TwilioEmulator twilio;
  NotificationApp app(smtp, twilio.config());
  app.publish(placed_by(customer(app, "ana@example.com", "+14155550123", {"email"}), "ana@example.com"));
  REQUIRE(app.reaches(Status::sent));
  CHECK(app.message().channel == "email");
  CHECK(smtp.wait_for(1).size() == 1);
  std::this_thread::sleep_for(200ms);  // several resume passes: no SMS follows
  CHECK(twilio.requests() == 0);
  CHECK(app.messages().size() == 1);
}

TEST_CASE("with SMS not set up, a customer who chose only SMS gets the order's email instead", "[sms]") {
  SmtpServer smtp;
  NotificationApp app(smtp);  // no notification.sms.account_sid
  app.publish(placed_by(customer(app, "ben@example.com", "+14155550123", {"sms"}), "ben@example.com"));
  REQUIRE(app.reaches(Status::sent));
  CHECK(app.message().channel == "email");
  CHECK(smtp.wait_for(1).size() == 1);
  // Nor is the callback route there to be called.
  CHECK(app.http
            .request("POST", std::string(kSmsStatusPath), "MessageSid=SM1&MessageStatus=delivered",
                     {{"Content-Type", "application/x-www-form-urlencoded"}})
            .status == 404);
}

TEST_CASE("a number Twilio refuses (400, error 21211) fails the SMS at the first attempt, with Twilio's reason",
          "[sms]") {
  SmtpServer smtp;
  TwilioEmulator twilio;
  NotificationApp app(smtp, twilio.config());
  // Twilio's test number for "not a valid phone number": well-formed E.164, so the user module takes it.
  app.publish(placed_by(customer(app, "cy@example.com", "+15005550001", {"sms"}), "cy@example.com"));
  REQUIRE(app.reaches(Status::failed));
  const auto m = app.message();
  CHECK(m.attempts == 1);
  REQUIRE(m.last_error);
  CHECK(m.last_error->find("Twilio 400, error 21211") != std::string::npos);
  CHECK(m.last_error->find("is not a valid phone number") != std::string::npos);
  const auto failed = app.published<events::Failed>(m.id);
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].channel == "sms");
  CHECK(twilio.taken().empty());
}

TEST_CASE("Twilio busy (429) or failing (5xx) is tried again after the backoff, and the SMS goes out once", "[sms]") {
  const int status = GENERATE(429, 500, 503);
  SmtpServer smtp;
  TwilioEmulator twilio;
  NotificationApp app(smtp, twilio.config());
  twilio.fail_next(1, status);
  app.publish(placed_by(customer(app, "dee@example.com", "+14155550123", {"sms"}), "dee@example.com"));
  REQUIRE(app.waits_after_first_attempt("Twilio " + std::to_string(status)));
  CHECK(twilio.taken().empty());
  app.clock.advance(1s);
  REQUIRE(app.reaches(Status::sent));
  CHECK(app.message().attempts == 2);
  CHECK(twilio.taken().size() == 1);
  CHECK(twilio.requests() == 2);
}

TEST_CASE("credentials Twilio refuses (401) fail the SMS for good and say so in the log, without the token", "[sms]") {
  SmtpServer smtp;
  TwilioEmulator twilio;
  NotificationApp app(smtp, twilio.config({{"notification.sms.auth_token", "not the token"}}));
  const auto customer_id = customer(app, "eve@example.com", "+14155550123", {"sms"});
  const auto log = agora::test::capture_stdout([&] {
    app.publish(placed_by(customer_id, "eve@example.com"));
    REQUIRE(app.reaches(Status::failed));
    agora::log::flush();
  });
  const auto m = app.message();
  CHECK(m.attempts == 1);
  REQUIRE(m.last_error);
  CHECK(m.last_error->find("Twilio 401, error 20003") != std::string::npos);
  CHECK(log.find("Twilio refused the account's credentials") != std::string::npos);
  CHECK(log.find(kTwilioSid) != std::string::npos);
  CHECK(log.find("not the token") == std::string::npos);
  CHECK(twilio.taken().empty());
}

TEST_CASE("Twilio's delivered callback marks the SMS delivered; the same callback again changes nothing", "[sms]") {
  SmtpServer smtp;
  TwilioEmulator twilio;
  NotificationApp app(smtp, twilio.config());
  const auto m = sms_sent(app).message;
  // Twilio tells of the steps before too; they record nothing.
  CHECK(twilio.report(*m.provider_id, "sent", callback_address(app)).status == 204);
  CHECK(app.message().status == Status::sent);

  // As PostgreSQL keeps it: to the microsecond.
  const auto delivered_at = std::chrono::floor<std::chrono::microseconds>(app.clock.now());
  CHECK(twilio.report(*m.provider_id, "delivered", callback_address(app)).status == 204);
  auto after = app.message();
  CHECK(after.status == Status::delivered);
  CHECK(after.delivered_at == delivered_at);

  app.clock.advance(5s);
  CHECK(twilio.report(*m.provider_id, "delivered", callback_address(app)).status == 204);  // redelivered
  after = app.message();
  CHECK(after.status == Status::delivered);
  CHECK(after.delivered_at == delivered_at);
  CHECK(app.metrics().render().find("agora_notification_reports_total{channel=\"sms\",outcome=\"delivered\"} 1") !=
        std::string::npos);
}

TEST_CASE("Twilio's undelivered or failed callback fails the SMS and keeps Twilio's error code", "[sms]") {
  const std::string status = GENERATE("undelivered", "failed");
  SmtpServer smtp;
  TwilioEmulator twilio;
  NotificationApp app(smtp, twilio.config());
  const auto m = sms_sent(app).message;
  CHECK(twilio.report(*m.provider_id, status, callback_address(app), {{"error_code", 30003}}).status == 204);
  const auto after = app.message();
  CHECK(after.status == Status::failed);
  REQUIRE(after.last_error);
  CHECK(*after.last_error == "Twilio " + status + ", error 30003 (https://www.twilio.com/docs/errors/30003)");
  CHECK_FALSE(after.delivered_at);
  // A delivered report arriving after it does not undo it.
  CHECK(twilio.report(*m.provider_id, "delivered", callback_address(app)).status == 204);
  CHECK(app.message().status == Status::failed);
}

TEST_CASE("a status callback whose signature does not verify is refused with 403 and records nothing", "[sms]") {
  SmtpServer smtp;
  TwilioEmulator twilio;
  NotificationApp app(smtp, twilio.config());
  const auto m = sms_sent(app).message;
  const auto variant = GENERATE(as<std::string>{}, "tampered", "other token", "unsigned", "other url");
  boost::json::object options{{"error_code", 30003}};
  if (variant == "tampered") options["tamper"] = {{"MessageStatus", "delivered"}, {"ErrorCode", ""}};
  if (variant == "other token") options["sign_with"] = "another account's token";
  if (variant == "unsigned") options["unsigned"] = true;
  // Signed for the address the app listens at (what a Host header would say), not its public URL.
  if (variant == "other url") options["url"] = callback_address(app);
  const auto answer = twilio.report(*m.provider_id, "undelivered", callback_address(app), options);
  CHECK(answer.status == 403);
  CHECK(answer.content_type == "application/problem+json");
  REQUIRE(answer.body.is_object());
  CHECK(answer.body.at("status") == 403);
  const auto after = app.message();
  CHECK(after.status == Status::sent);
  CHECK_FALSE(after.last_error);
}

TEST_CASE("a status callback that is not a form answers 400, and one for an SMS not sent here 404", "[sms]") {
  SmtpServer smtp;
  TwilioEmulator twilio;
  NotificationApp app(smtp, twilio.config());
  const auto json = app.http.request("POST", std::string(kSmsStatusPath), R"({"MessageSid": "SM1"})",
                                     {{"Content-Type", "application/json"}});
  CHECK(json.status == 400);
  CHECK(agora::test::problem(json).at("detail").as_string().find("form") != boost::json::string::npos);
  const auto bad = app.http.request("POST", std::string(kSmsStatusPath), "MessageSid=%zz",
                                    {{"Content-Type", "application/x-www-form-urlencoded"}});
  CHECK(bad.status == 400);

  const auto m = sms_sent(app).message;
  app.db().transact([&](Tx& tx) {
    prepared::run(tx.sql(), "UPDATE notification.messages SET provider_id = 'SMother' WHERE id = $1", {m.id});
  });
  const auto unknown = twilio.report(*m.provider_id, "delivered", callback_address(app));
  CHECK(unknown.status == 404);
  CHECK(app.message().status == Status::sent);
}

TEST_CASE("an SMS whose answer from Twilio was lost is sent again: Twilio takes no idempotency key", "[sms]") {
  SmtpServer smtp;
  TwilioEmulator twilio;
  NotificationApp app(smtp, twilio.config({{"notification.sms.timeout_ms", "300"}}));
  twilio.hang_next(1);
  app.publish(placed_by(customer(app, "fay@example.com", "+14155550123", {"sms"}), "fay@example.com"));
  REQUIRE(app.waits_after_first_attempt("Timeout was reached"));
  app.clock.advance(1s);
  REQUIRE(app.reaches(Status::sent));
  // What a process that died after Twilio took the SMS does too: the number gets it twice.
  const auto taken = twilio.taken();
  REQUIRE(taken.size() == 2);
  CHECK(taken[0].body == taken[1].body);
  CHECK(app.message().provider_id == taken[1].sid);
}
