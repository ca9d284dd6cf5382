#pragma once
// A real agora server with the notification module on a fresh database, a manual clock, an SMTP
// server of its own on a loopback port (started with the app, or later), order events published as
// the order module publishes them, and the messages read from their table.
#include "harness/eventually.hpp"
#include "harness/harness.hpp"
#include "harness/shop.hpp"
#include "harness/smtp_server.hpp"
#include "harness/test_app.hpp"
#include "store/message_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/ids.hpp>
#include <agora/notification/events.hpp>
#include <agora/notification/module.hpp>
#include <agora/order/events.hpp>
#include <agora/user/module.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>

namespace agora::notification::test {
using agora::test::eventually;
using agora::test::SmtpServer;
using Overrides = std::map<std::string, std::string>;

inline Overrides with_defaults(Overrides o, unsigned short smtp_port) {
  o.emplace("notification.smtp.host", "127.0.0.1");
  o.emplace("notification.smtp.port", std::to_string(smtp_port));
  o.emplace("notification.smtp.tls", "none");
  o.emplace("notification.smtp.from", "Café Ünïcode <shop@example.com>");
  o.emplace("notification.smtp.connect_timeout_ms", "2000");
  o.emplace("notification.smtp.timeout_ms", "5000");
  o.emplace("notification.shop_name", "Café Ünïcode");
  o.emplace("notification.resume_interval_ms", "20");
  o.emplace("notification.retry_base_ms", "1000");
  return o;
}

struct NotificationApp : agora::test::TestApp {
  // The SMTP server is on smtp.port(); started already unless the test starts it later.
  NotificationApp(SmtpServer& smtp, Overrides overrides = {})
      : TestApp(agora::test::test_config(with_defaults(std::move(overrides), smtp.port())),
                {user::make_module, make_module}),
        smtp_(smtp) {}

  // A new account signed in (agora::test::sign_up), its verification email forgotten.
  agora::test::Account sign_up(const std::string& email, const std::string& roles = "") {
    auto account = agora::test::sign_up(*this, email, roles);
    forget_verification_email(email);
    return account;
  }
  // Waits for the email verification a sign-up of `email` sends and removes it from the SMTP server,
  // so that a test counts the emails it is about.
  void forget_verification_email(const std::string& email) {
    REQUIRE(eventually([&] {
      const auto m = messages(true);
      return std::ranges::any_of(m, [&](const Message& x) {
        // With no SMTP server up, it was made and waits (or failed): no email to remove.
        return x.template_name == "email_verification" && x.recipient == email &&
               (x.status == Status::sent || !smtp_.running());
      });
    }));
    smtp_.clear();
  }

  SmtpServer& smtp_;

  // Publishes an event as the order module would.
  template <TypedEvent T>
  void publish(const T& event) {
    db().transact([&](Tx& tx) { tx.publish(event); });
  }
  // An order placed by a guest, or by the customer; returns its event.
  order::events::Placed place(const std::string& email = "buyer@example.com", std::int64_t total = 4250,
                              const std::optional<std::string>& customer_id = std::nullopt) {
    order::events::Placed e{new_id(), "A-" + new_id().substr(24), customer_id, email, "EUR", total};
    publish(e);
    return e;
  }

  // A message stored queued and due, as an event's reaction stores it, with these template values;
  // the resume job hands it to the sender.
  // With status sending (and no lease yet), no sender takes it until the test gives it a lease.
  Message stored(const std::string& data, const std::string& template_name = "order_placed",
                 Status status = Status::queued) {
    Message m;
    m.id = new_id();
    m.event_id = new_id();
    m.event_type = "order.placed";
    m.dedupe_key = "order.placed/" + new_id();
    m.channel = "email";
    m.recipient = "buyer@example.com";
    m.template_name = template_name;
    m.locale = "en";
    m.data = data;
    m.next_attempt_at = m.created_at = clock.now();
    m.status = status;
    m.attempts = status == Status::sending ? 1 : 0;
    db().transact([&](Tx& tx) { message_store::insert(tx.sql(), m); });
    return m;
  }

  // The messages so far, oldest first; but for the email verification each sign-up causes, unless
  // `with_verifications`: the tests of other messages sign customers up.
  std::vector<Message> messages(bool with_verifications = false) {
    auto conn = db().acquire();
    const auto rows = prepared::run(*conn,
                                    "SELECT id FROM notification.messages WHERE $1 OR template <> 'email_verification'"
                                    " ORDER BY created_at",
                                    {with_verifications});
    std::vector<Message> out;
    for (int i = 0; i < rows.size(); ++i) out.push_back(*message_store::load(*conn, rows.get<std::string>(i, "id")));
    return out;
  }
  // The only message; fails the test unless there is exactly one.
  Message message() {
    const auto all = messages();
    REQUIRE(all.size() == 1);
    return all[0];
  }
  // Waits until the only message has the status.
  bool reaches(Status status) {
    return eventually([&] {
      const auto all = messages();
      return all.size() == 1 && all[0].status == status;
    });
  }
  // Waits until the only message's first attempt is recorded; true when it failed for a reason
  // containing `error` and waits, queued, for the next.
  bool waits_after_first_attempt(const std::string& error) {
    REQUIRE(attempted(1));
    const auto m = message();
    return m.status == Status::queued && m.last_error && m.last_error->find(error) != std::string::npos;
  }
  // Waits until the only message was attempted `n` times and the attempt recorded.
  bool attempted(int n) {
    return eventually([&] {
      const auto all = messages();
      return all.size() == 1 && all[0].attempts == n && all[0].status != Status::sending;
    });
  }
};

}  // namespace agora::notification::test
