// Marketing email carries a one-click unsubscribe link (RFC 8058) that withdraws its user's
// marketing consent without signing in, and only that user's.
#include "notification_app.hpp"

using namespace agora;
using namespace agora::notification;
using namespace agora::notification::test;

namespace {

// A marketing email for the user, queued as a reaction would queue it; the resume job sends it.
void queue_marketing(NotificationApp& app, const std::string& user_id, const std::string& email) {
  Message m;
  m.id = new_id();
  m.event_id = new_id();
  m.event_type = "marketing.campaign";
  m.dedupe_key = "campaign/" + m.id;
  m.channel = "email";
  m.recipient = email;
  m.user_id = user_id;
  m.template_name = "order_placed";
  m.category = Category::marketing;
  m.locale = "en";
  m.data = R"({"number": "SALE", "total": "10 %"})";
  m.next_attempt_at = m.created_at = app.clock.now();
  app.db().transact([&](Tx& tx) { message_store::insert(tx.sql(), m); });
}

bool consents(NotificationApp& app, const std::string& token) {
  return app.call("GET", "/api/v1/users/me/preferences", nullptr, token).json().at("marketing_consent").as_bool();
}

}  // namespace

TEST_CASE("a marketing email's one-click unsubscribe link withdraws its user's consent, and no one else's",
          "[unsubscribe]") {
  SmtpServer smtp;
  NotificationApp app(smtp);
  const auto ann = app.sign_up("ann@example.com");
  const auto bob = app.sign_up("bob@example.com");
  for (const auto& a : {ann, bob})
    REQUIRE(app.call("PATCH", "/api/v1/users/me/preferences", {{"marketing_consent", true}}, a.token).status == 200);
  queue_marketing(app, ann.id, "ann@example.com");
  const auto mail = smtp.wait_for(1);
  REQUIRE(mail.size() == 1);
  CHECK(mail[0].list_unsubscribe_post == "List-Unsubscribe=One-Click");
  const auto header = mail[0].list_unsubscribe;
  const std::string prefix = "<http://localhost:8080/api/v1/notifications/unsubscribe?user=" + ann.id + "&token=";
  INFO(header);
  REQUIRE(header.starts_with(prefix));
  REQUIRE(header.ends_with(">"));
  const auto path = header.substr(std::string("<http://localhost:8080").size(),
                                  header.size() - std::string("<http://localhost:8080").size() - 1);
  const auto token = path.substr(path.find("&token=") + 7);

  SECTION("the link, POSTed, unsubscribes Ann; again is harmless") {
    CHECK(app.call("POST", path).status == 200);
    CHECK_FALSE(consents(app, ann.token));
    CHECK(consents(app, bob.token));
    CHECK(app.call("POST", path).status == 200);
  }
  SECTION("a tampered token, or Ann's token on Bob's id, changes nothing") {
    auto tampered = path;
    tampered.back() = tampered.back() == '0' ? '1' : '0';
    const auto r = app.call("POST", tampered);
    CHECK(r.status == 403);
    CHECK(r.headers.at("content-type") == "application/problem+json");
    CHECK(app.call("POST", "/api/v1/notifications/unsubscribe?user=" + bob.id + "&token=" + token).status == 403);
    CHECK(app.call("POST", "/api/v1/notifications/unsubscribe?user=" + bob.id).status == 422);
    CHECK(consents(app, ann.token));
    CHECK(consents(app, bob.token));
  }
}
