// The admins' view of deliveries through the API: every message listed newest first, filtered and
// paged; one read; a failed email resent as a new message that goes out; admins only.
#include "harness/problems.hpp"
#include "harness/shop.hpp"
#include "notification_app.hpp"

using namespace agora;
using namespace agora::notification;
using namespace agora::notification::test;
using namespace std::chrono_literals;

namespace {

const std::string kMessages = "/api/v1/admin/notifications/messages";

std::string str(const boost::json::value& v) { return std::string(v.as_string()); }

// The ids, newest first, of the messages a query lists, following every next_cursor.
std::vector<std::string> listed(NotificationApp& app, const std::string& token, const std::string& query) {
  std::vector<std::string> ids;
  std::string cursor;
  do {
    const auto r =
        app.call("GET", kMessages + "?" + query + (cursor.empty() ? "" : "&cursor=" + cursor), nullptr, token);
    REQUIRE(r.status == 200);
    const auto body = r.json();
    for (const auto& m : body.at("items").as_array()) ids.push_back(str(m.at("id")));
    const auto& next = body.at("next_cursor");
    cursor = next.is_null() ? "" : str(next);
  } while (!cursor.empty());
  return ids;
}

std::vector<std::string> fields_of(const agora::test::HttpResult& r) {
  std::vector<std::string> out;
  const auto body = r.json();
  for (const auto& e : body.at("errors").as_array()) out.push_back(str(e.at("field")));
  return out;
}

}  // namespace

TEST_CASE("admins list deliveries newest first, filtered by status, channel, template, recipient and user",
          "[deliveries]") {
  SmtpServer smtp;
  NotificationApp app(smtp);
  const auto admin = app.sign_up("admin@example.com", "admin");
  const auto carla = app.sign_up("carla@example.com");
  app.place("first@example.com");
  app.clock.advance(1s);
  app.place("rejected@example.com");  // the test SMTP server refuses it for good
  app.clock.advance(1s);
  app.place("carla@example.com", 990, carla.id);  // an email and an in-app message
  REQUIRE(app.handled("notification.order_reactions"));
  REQUIRE(eventually([&] {
    return app.count(
               "SELECT count(*) FROM notification.messages WHERE status IN ('sent', 'failed') AND template <> "
               "'email_verification'") == 4;
  }));
  std::map<std::string, std::string> id_of;  // by recipient and channel
  for (const auto& m : app.messages()) id_of[m.recipient + "/" + m.channel] = m.id;
  const auto first = id_of.at("first@example.com/email");
  const auto rejected = id_of.at("rejected@example.com/email");
  const auto carla_email = id_of.at("carla@example.com/email");
  const auto carla_inbox = id_of.at(carla.id + "/in_app");

  // (The sign-ups' verification emails are listed too: this is about the orders' messages.)
  const auto everything = listed(app, admin.token, "template=order_placed&limit=1");
  REQUIRE(everything.size() == 4);
  CHECK(everything[3] == first);  // the oldest last
  CHECK(everything[2] == rejected);
  CHECK(listed(app, admin.token, "template=order_placed&limit=3") == everything);

  CHECK(listed(app, admin.token, "status=failed") == std::vector{rejected});
  CHECK(listed(app, admin.token, "channel=in_app") == std::vector{carla_inbox});
  CHECK(listed(app, admin.token, "recipient=first@example.com") == std::vector{first});
  CHECK(listed(app, admin.token, "template=order_shipped").empty());
  CHECK(listed(app, admin.token, "template=order_placed&status=sent&limit=2").size() == 3);
  const auto hers = listed(app, admin.token, "user_id=" + carla.id);
  CHECK(hers.size() == 3);  // her verification email too
  CHECK(std::find(hers.begin(), hers.end(), carla_email) != hers.end());
  CHECK(listed(app, admin.token, "user_id=" + carla.id + "&channel=email&template=order_placed") ==
        std::vector{carla_email});

  const auto one = app.call("GET", kMessages + "/" + rejected, nullptr, admin.token);
  REQUIRE(one.status == 200);
  const auto m = one.json().as_object();
  CHECK(str(m.at("status")) == "failed");
  CHECK(str(m.at("channel")) == "email");
  CHECK(str(m.at("recipient")) == "rejected@example.com");
  CHECK(str(m.at("template")) == "order_placed");
  CHECK(str(m.at("event_type")) == "order.placed");
  CHECK(m.at("attempts").as_int64() == 1);
  CHECK(str(m.at("last_error")).find("550") != std::string::npos);
  CHECK(m.at("sent_at").is_null());
  CHECK(m.at("delivered_at").is_null());
  for (const auto* key : {"id", "event_id", "created_at", "provider_id"}) CHECK(m.contains(key));
  const auto sent = app.call("GET", kMessages + "/" + first, nullptr, admin.token).json();
  CHECK(str(sent.at("status")) == "sent");
  CHECK(sent.at("sent_at").is_string());
  CHECK(sent.at("provider_id").is_string());

  SECTION("a bad filter or cursor is refused naming it; an unknown message is not found") {
    const auto bad = app.call("GET", kMessages + "?status=lost&channel=fax&user_id=nope", nullptr, admin.token);
    REQUIRE(bad.status == 422);
    CHECK(fields_of(bad) == std::vector<std::string>{"status", "channel", "user_id"});
    CHECK(fields_of(app.call("GET", kMessages + "?cursor=nope", nullptr, admin.token)) ==
          std::vector<std::string>{"cursor"});
    CHECK(app.call("GET", kMessages + "?cursor=" + new_id(), nullptr, admin.token).status == 422);
    CHECK(fields_of(app.call("GET", kMessages + "?limit=0", nullptr, admin.token)) ==
          std::vector<std::string>{"limit"});
    const auto all_bad = app.call("GET", kMessages + "?channel=fax&limit=abc&cursor=nope", nullptr, admin.token);
    REQUIRE(all_bad.status == 422);
    CHECK(fields_of(all_bad) == std::vector<std::string>{"channel", "limit", "cursor"});
    CHECK(app.call("GET", kMessages + "/" + new_id(), nullptr, admin.token).status == 404);
    CHECK(app.call("GET", kMessages + "/not-an-id", nullptr, admin.token).status == 404);
  }
  SECTION("an in-app message is not resent: it stays in the inbox") {
    const auto r = app.call("POST", kMessages + "/" + carla_inbox + "/resend", nullptr, admin.token);
    REQUIRE(r.status == 409);
    CHECK(agora::test::problem(r).at("detail").as_string().find("in-app") != std::string::npos);
    CHECK(app.messages().size() == 4);
    CHECK(app.call("POST", kMessages + "/" + new_id() + "/resend", nullptr, admin.token).status == 404);
  }
  SECTION("a customer reaches none of it") {
    CHECK(app.call("GET", kMessages, nullptr, carla.token).status == 403);
    CHECK(app.call("GET", kMessages + "/" + carla_email, nullptr, carla.token).status == 403);
    CHECK(app.call("POST", kMessages + "/" + carla_email + "/resend", nullptr, carla.token).status == 403);
    CHECK(app.call("GET", kMessages).status == 401);
    CHECK(app.messages().size() == 4);
  }
}

TEST_CASE("an email that failed while the SMTP server was down is resent as a new message, and goes out",
          "[deliveries]") {
  SmtpServer smtp({.start_now = false});
  NotificationApp app(smtp, Overrides{{"notification.max_attempts", "1"}});
  const auto admin = app.sign_up("admin@example.com", "admin");
  const auto order = app.place("buyer@example.com");
  REQUIRE(app.reaches(Status::failed));
  const auto original = app.message();

  smtp.start();
  const auto r = app.call("POST", kMessages + "/" + original.id + "/resend", nullptr, admin.token);
  REQUIRE(r.status == 201);
  const auto copy_id = str(r.json().at("id"));
  CHECK(copy_id != original.id);
  CHECK(str(r.json().at("status")) == "queued");
  CHECK(r.json().at("attempts").as_int64() == 0);
  CHECK(str(r.json().at("recipient")) == "buyer@example.com");
  CHECK(str(r.json().at("event_id")) == original.event_id);

  const auto mail = smtp.wait_for(1);
  REQUIRE(mail.size() == 1);
  CHECK(mail[0].to == "buyer@example.com");
  CHECK(mail[0].subject == "Your Café Ünïcode order " + order.number);
  REQUIRE(eventually([&] {
    auto conn = app.db().acquire();
    const auto copy = message_store::load(*conn, copy_id);
    return copy && copy->status == Status::sent;
  }));
  auto conn = app.db().acquire();
  const auto copy = *message_store::load(*conn, copy_id);
  CHECK(copy.dedupe_key == "resend/" + original.id + "/" + copy_id);
  CHECK(copy.template_name == original.template_name);
  CHECK(copy.data == original.data);
  CHECK(copy.attempts == 1);
  CHECK(message_store::load(*conn, original.id)->status == Status::failed);  // the original's record stands
  CHECK(app.published_count<events::Sent>(copy_id) == 1);
}
