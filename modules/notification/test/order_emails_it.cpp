// Order events become emails at a real SMTP server: once per event however often it arrives, tried
// again while the server is away, and failed for good when it refuses or never comes back.
#include "notification_app.hpp"

#include <filesystem>
#include <fstream>
#include <thread>

using namespace agora;
using namespace agora::notification;
using namespace agora::notification::test;
using namespace std::chrono_literals;

TEST_CASE("an order placed sends its confirmation email, with a UTF-8 subject and text and HTML parts") {
  SmtpServer smtp;
  NotificationApp app(smtp);
  const auto order = app.place("guest@example.com", 4250);

  const auto mail = smtp.wait_for(1);
  REQUIRE(mail.size() == 1);
  CHECK(mail[0].to == "guest@example.com");
  CHECK(mail[0].rcpt_to == "guest@example.com");
  CHECK(mail[0].from == "Café Ünïcode <shop@example.com>");
  CHECK(mail[0].subject == "Your Café Ünïcode order " + order.number);
  CHECK(mail[0].raw_subject.starts_with("=?UTF-8?B?"));
  CHECK(mail[0].content_type == "multipart/alternative");
  CHECK(mail[0].text.find("Order number: " + order.number) != std::string::npos);
  CHECK(mail[0].text.find("Total: 42.50 EUR") != std::string::npos);
  CHECK(mail[0].html.find("<strong>42.50 EUR</strong>") != std::string::npos);
  CHECK(mail[0].html.find("Café Ünïcode") != std::string::npos);
  CHECK_FALSE(mail[0].date.empty());
  CHECK(mail[0].list_unsubscribe.empty());  // not marketing

  REQUIRE(app.reaches(Status::sent));
  const auto m = app.message();
  CHECK(m.recipient == "guest@example.com");
  CHECK(m.template_name == "order_placed");
  CHECK(m.event_type == "order.placed");
  CHECK(m.attempts == 1);
  CHECK(m.subject == mail[0].subject);
  CHECK(m.provider_id == mail[0].message_id);
  CHECK(m.sent_at);
  const auto sent = app.published<events::Sent>(m.id);
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].channel == "email");
  CHECK(sent[0].provider_id == mail[0].message_id);
  CHECK(sent[0].event_id == m.event_id);
  const auto metrics = app.metrics().render();
  CHECK(metrics.find("agora_notification_sent_total{channel=\"email\"} 1") != std::string::npos);
  CHECK(metrics.find("agora_notification_send_seconds_count{channel=\"email\"} 1") != std::string::npos);
}

TEST_CASE("an order placed event that arrives twice sends one email") {
  SmtpServer smtp;
  NotificationApp app(smtp);
  const auto order = app.place();
  app.publish(order);  // published again, with an envelope of its own
  REQUIRE(app.handled("notification.order_reactions"));
  REQUIRE(app.reaches(Status::sent));
  std::this_thread::sleep_for(200ms);  // several resume passes: nothing more goes out
  CHECK(smtp.received().size() == 1);
  CHECK(app.messages().size() == 1);
  CHECK(app.published_count<events::Sent>() == 1);
}

TEST_CASE("emails go out over connections kept open between them, and a connection the server lost is made again") {
  SmtpServer smtp;
  NotificationApp app(smtp, Overrides{{"notification.sender_threads", "1"}});
  const auto probes = smtp.connections();  // the harness's own, to see the server up
  for (int i = 0; i < 5; ++i) app.place("buyer" + std::to_string(i) + "@example.com");
  REQUIRE(smtp.wait_for(5).size() == 5);
  CHECK(smtp.connections() == probes + 1);
  // The server restarts: the kept connection is dead, and the next email goes over a new one.
  smtp.stop();
  smtp.start();
  app.place("after-restart@example.com");
  REQUIRE(smtp.wait_for(6).size() == 6);
  CHECK(smtp.connections() == probes + 1 + probes + 1);  // the restart probed it once more
}

TEST_CASE("with email_per_second, emails go out no faster than that") {
  SmtpServer smtp;
  NotificationApp app(smtp, Overrides{{"notification.email_per_second", "5"}});
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 6; ++i) app.place("paced" + std::to_string(i) + "@example.com");
  REQUIRE(smtp.wait_for(6).size() == 6);
  // Six slots 200 ms apart: the last no sooner than a second after the first (a lower bound only).
  CHECK(std::chrono::steady_clock::now() - started >= 1000ms);
}

TEST_CASE("an order without a plausible email address causes no message") {
  SmtpServer smtp;
  NotificationApp app(smtp);
  app.place("not an address\r\nBcc: someone@example.com");
  REQUIRE(app.handled("notification.order_reactions"));
  CHECK(app.messages().empty());
}

TEST_CASE("an email the SMTP server could not take while it was down is sent once it is up, once") {
  SmtpServer smtp({.start_now = false});  // not started yet
  NotificationApp app(smtp, Overrides{{"notification.max_attempts", "5"}});
  app.place();
  REQUIRE(app.waits_after_first_attempt("Couldn't connect"));
  std::this_thread::sleep_for(150ms);  // several resume passes: the retry is not due yet
  CHECK(app.message().attempts == 1);
  CHECK(app.metrics().render().find("agora_notification_waiting{channel=\"email\"} 1") != std::string::npos);

  smtp.start();
  app.clock.advance(1s);
  REQUIRE(app.reaches(Status::sent));
  CHECK(app.message().attempts == 2);
  CHECK(smtp.wait_for(1).size() == 1);
  std::this_thread::sleep_for(200ms);
  CHECK(smtp.received().size() == 1);
  CHECK(app.published_count<events::Sent>() == 1);
  CHECK(app.published_count<events::Failed>() == 0);
  CHECK(eventually([&] {
    return app.metrics().render().find("agora_notification_waiting{channel=\"email\"} 0") != std::string::npos;
  }));
}

TEST_CASE("an email no SMTP server takes within the attempts fails, and notification.failed tells of it") {
  SmtpServer smtp({.start_now = false});  // never started: nothing listens
  NotificationApp app(smtp, Overrides{{"notification.max_attempts", "3"}});
  app.place();
  REQUIRE(app.attempted(1));
  app.clock.advance(1s);
  REQUIRE(app.attempted(2));
  app.clock.advance(2s);  // the wait doubles
  REQUIRE(app.reaches(Status::failed));
  const auto m = app.message();
  CHECK(m.attempts == 3);
  CHECK_FALSE(m.sent_at);
  const auto failed = app.published<events::Failed>(m.id);
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].attempts == 3);
  CHECK(failed[0].template_name == "order_placed");
  CHECK_FALSE(failed[0].error.empty());
  CHECK(app.metrics().render().find("agora_notification_failed_total{channel=\"email\"} 1") != std::string::npos);
}

TEST_CASE("a recipient the SMTP server refuses for good fails at the first attempt") {
  SmtpServer smtp;
  NotificationApp app(smtp);
  app.place("rejected@example.com");
  REQUIRE(app.reaches(Status::failed));
  const auto m = app.message();
  CHECK(m.attempts == 1);
  REQUIRE(m.last_error);
  CHECK(m.last_error->find("550") != std::string::npos);
  CHECK(app.published_count<events::Failed>(m.id) == 1);
  CHECK(smtp.received().empty());
}

TEST_CASE("a message whose sender died mid-send is sent by the resume job once its lease runs out") {
  SmtpServer smtp;
  NotificationApp app(smtp);
  // As a sender left it when its process died: sending, its first attempt counted, leased.
  auto m = app.stored(R"({"shop": "Agora", "number": "A-77", "total": "10.00 EUR"})", "order_placed", Status::sending);
  m.lease_until = app.clock.now() + 60s;
  app.db().transact([&](Tx& tx) { message_store::update(tx.sql(), m); });
  std::this_thread::sleep_for(150ms);  // several resume passes: the lease still holds it
  CHECK(smtp.received().empty());
  app.clock.advance(61s);
  REQUIRE(app.reaches(Status::sent));
  CHECK(app.message().attempts == 2);
  const auto mail = smtp.wait_for(1);
  CHECK(mail[0].subject == "Your Agora order A-77");
}

TEST_CASE("a message whose template is unknown fails at its first attempt") {
  SmtpServer smtp;
  NotificationApp app(smtp);
  const auto m = app.stored("{}", "no_such_template");
  REQUIRE(app.reaches(Status::failed));
  const auto failed = app.published<events::Failed>(m.id);
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].error == "no email template no_such_template");
  CHECK(failed[0].attempts == 1);
  CHECK(smtp.received().empty());
}

TEST_CASE("with smtp.tls starttls, a server that cannot upgrade the connection is sent nothing in plain text") {
  SmtpServer smtp;
  NotificationApp app(smtp, Overrides{{"notification.smtp.tls", "starttls"}});
  app.place();
  CHECK(app.waits_after_first_attempt("SSL"));
  CHECK(smtp.received().empty());
}

TEST_CASE("the email goes over TLS, with STARTTLS or implicit TLS, to a server whose certificate the CA file signed") {
  const auto tls =
      GENERATE(std::pair{SmtpServer::Tls::starttls, "starttls"}, std::pair{SmtpServer::Tls::implicit, "implicit"});
  SmtpServer smtp({.tls = tls.first});
  NotificationApp app(smtp,
                      Overrides{{"notification.smtp.tls", tls.second}, {"notification.smtp.ca_file", smtp.ca_file()}});
  const auto order = app.place();
  REQUIRE(app.reaches(Status::sent));
  const auto mail = smtp.wait_for(1);
  CHECK(mail[0].to == "buyer@example.com");
  CHECK(mail[0].text.find(order.number) != std::string::npos);
}

TEST_CASE("a server that requires authentication takes the email with the user and the password from a file") {
  SmtpServer smtp({.user = "shop", .password = "s3cret pass"});
  const auto secret = std::filesystem::temp_directory_path() / ("agora-smtp-password-" + new_id());
  std::ofstream(secret) << "s3cret pass\n";
  NotificationApp app(
      smtp, Overrides{{"notification.smtp.user", "shop"}, {"notification.smtp.password", "file:" + secret.string()}});
  app.place();
  REQUIRE(app.reaches(Status::sent));
  CHECK(smtp.wait_for(1).size() == 1);
  std::filesystem::remove(secret);
}

TEST_CASE("a login the server refuses sends nothing, and the message waits for a retry: the config is at fault") {
  SmtpServer smtp({.user = "shop", .password = "s3cret pass"});
  NotificationApp app(smtp, Overrides{{"notification.smtp.user", "shop"}, {"notification.smtp.password", "wrong"}});
  app.place();
  CHECK(app.waits_after_first_attempt("535"));
  CHECK(smtp.received().empty());
}
