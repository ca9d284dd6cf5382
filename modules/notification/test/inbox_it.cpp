// The in-app inbox through the API: an order placed by a signed-in customer lands in their inbox and
// on their connected live stream within moments; a stream that reconnects gets what it missed; no
// one reads, counts or marks someone else's messages.
#include "harness/problems.hpp"
#include "harness/shop.hpp"
#include "harness/websocket_client.hpp"
#include "notification_app.hpp"

using namespace agora;
using namespace agora::notification;
using namespace agora::notification::test;
using agora::test::Account;
using agora::test::WebSocketClient;
using agora::test::WebSocketRefused;
using namespace std::chrono_literals;

namespace {

std::string str(const boost::json::value& v) { return std::string(v.as_string()); }

// The live stream of the account, with `after` when given.
WebSocketClient stream(NotificationApp& app, const Account& a, const std::string& after = "") {
  return WebSocketClient(app.app.port(), "/api/v1/notifications/stream?access_token=" + a.token +
                                             (after.empty() ? "" : "&after=" + after));
}

// The next frame, which must be a notification; returns it.
boost::json::object next_notification(WebSocketClient& ws) {
  const auto frame = ws.next();
  REQUIRE(frame);
  REQUIRE(str(frame->at("type")) == "notification");
  return frame->at("notification").as_object();
}

}  // namespace

TEST_CASE("an order placed by a customer lands in their inbox: listed, counted and marked read by them only",
          "[inbox]") {
  SmtpServer smtp;
  NotificationApp app(smtp);
  const auto alice = app.sign_up("alice@example.com");
  const auto bob = app.sign_up("bob@example.com");
  const auto order = app.place("alice@example.com", 4250, alice.id);
  REQUIRE(app.handled("notification.order_reactions"));

  const auto list = app.call("GET", "/api/v1/notifications", nullptr, alice.token);
  REQUIRE(list.status == 200);
  const auto listed = list.json();
  const auto& items = listed.at("items").as_array();
  REQUIRE(items.size() == 1);
  const auto id = str(items[0].at("id"));
  CHECK(str(items[0].at("template")) == "order_placed");
  CHECK(str(items[0].at("title")).find(order.number) != std::string::npos);
  CHECK(str(items[0].at("body")).find("42.50 EUR") != std::string::npos);
  CHECK(items[0].at("read_at").is_null());
  CHECK(listed.at("unread").as_int64() == 1);
  CHECK(app.call("GET", "/api/v1/notifications/unread_count", nullptr, alice.token).json().at("unread").as_int64() ==
        1);
  // The in-app message is recorded sent like any other, and the email went out too.
  REQUIRE(smtp.wait_for(1).size() == 1);
  CHECK(app.count("SELECT count(*) FROM notification.messages WHERE channel = 'in_app' AND status = 'sent' AND id = "
                  "$1::uuid",
                  {id}) == 1);
  CHECK(app.published<events::Sent>(id).size() == 1);

  SECTION("another user sees none of it and cannot mark it") {
    const auto theirs = app.call("GET", "/api/v1/notifications", nullptr, bob.token);
    REQUIRE(theirs.status == 200);
    CHECK(theirs.json().at("items").as_array().empty());
    CHECK(theirs.json().at("unread").as_int64() == 0);
    CHECK(app.call("POST", "/api/v1/notifications/" + id + "/read", nullptr, bob.token).status == 404);
    CHECK(app.call("POST", "/api/v1/notifications/read_all", nullptr, bob.token).json().at("marked").as_int64() == 0);
    // Nor can a cursor of Alice's page Bob's list.
    CHECK(app.call("GET", "/api/v1/notifications?cursor=" + id, nullptr, bob.token).status == 422);
    CHECK(app.call("GET", "/api/v1/notifications/unread_count", nullptr, alice.token).json().at("unread").as_int64() ==
          1);
  }
  SECTION("its user marks it read, once") {
    CHECK(app.call("POST", "/api/v1/notifications/" + id + "/read", nullptr, alice.token).status == 204);
    const auto read_at =
        app.call("GET", "/api/v1/notifications", nullptr, alice.token).json().at("items").at(0).at("read_at");
    CHECK(read_at.is_string());
    app.clock.advance(1min);
    CHECK(app.call("POST", "/api/v1/notifications/" + id + "/read", nullptr, alice.token).status == 204);
    CHECK(app.call("GET", "/api/v1/notifications", nullptr, alice.token).json().at("items").at(0).at("read_at") ==
          read_at);
    CHECK(app.call("GET", "/api/v1/notifications/unread_count", nullptr, alice.token).json().at("unread").as_int64() ==
          0);
  }
  SECTION("mark all read counts what it marked") {
    app.place("alice@example.com", 100, alice.id);
    REQUIRE(app.handled("notification.order_reactions"));
    CHECK(app.call("POST", "/api/v1/notifications/read_all", nullptr, alice.token).json().at("marked").as_int64() == 2);
    CHECK(app.call("POST", "/api/v1/notifications/read_all", nullptr, alice.token).json().at("marked").as_int64() == 0);
  }
  SECTION("without a token there is no inbox; a bad id or cursor is answered, not crashed on") {
    CHECK(app.call("GET", "/api/v1/notifications").status == 401);
    CHECK(app.call("POST", "/api/v1/notifications/not-an-id/read", nullptr, alice.token).status == 404);
    const auto bad = app.call("GET", "/api/v1/notifications?cursor=nope&limit=0", nullptr, alice.token);
    CHECK(bad.status == 422);
    CHECK(bad.headers.at("content-type") == "application/problem+json");
    CHECK(agora::test::bad_fields(bad) == std::vector<std::string>{"cursor", "limit"});
  }
}

TEST_CASE("the inbox pages newest first with a cursor", "[inbox]") {
  SmtpServer smtp;
  NotificationApp app(smtp);
  const auto alice = app.sign_up("alice@example.com");
  std::vector<std::string> numbers;
  for (int i = 0; i < 5; ++i) {
    numbers.push_back(app.place("alice@example.com", 100 + i, alice.id).number);
    app.clock.advance(1s);
  }
  REQUIRE(app.handled("notification.order_reactions"));
  std::vector<std::string> titles;
  std::string cursor;
  do {
    const auto page = app.call("GET", "/api/v1/notifications?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor),
                               nullptr, alice.token);
    REQUIRE(page.status == 200);
    const auto body = page.json();
    for (const auto& item : body.at("items").as_array()) titles.push_back(str(item.at("title")));
    const auto& next = body.at("next_cursor");
    cursor = next.is_null() ? "" : str(next);
  } while (!cursor.empty());
  REQUIRE(titles.size() == 5);
  for (int i = 0; i < 5; ++i) CHECK(titles[i].find(numbers[4 - i]) != std::string::npos);
}

TEST_CASE("a connected customer sees a new in-app message at once, and only their own", "[inbox][stream]") {
  SmtpServer smtp;
  NotificationApp app(smtp);
  const auto alice = app.sign_up("alice@example.com");
  const auto bob = app.sign_up("bob@example.com");
  auto alice_ws = stream(app, alice);
  auto bob_ws = stream(app, bob);
  const auto hello = alice_ws.next();
  REQUIRE(hello);
  CHECK(str(hello->at("type")) == "hello");
  CHECK(hello->at("unread").as_int64() == 0);
  REQUIRE(bob_ws.next());  // Bob's hello

  const auto order = app.place("alice@example.com", 4250, alice.id);
  const auto n = next_notification(alice_ws);
  CHECK(str(n.at("title")).find(order.number) != std::string::npos);
  CHECK(str(n.at("template")) == "order_placed");
  CHECK_FALSE(bob_ws.next(500ms));  // nothing for Bob
  CHECK_FALSE(bob_ws.closed_by_server());

  SECTION("a second connection of the same customer gets it too, and a later one only what comes after") {
    auto again = stream(app, alice);
    const auto hello_again = again.next();
    REQUIRE(hello_again);
    CHECK(hello_again->at("unread").as_int64() == 1);
    const auto second = app.place("alice@example.com", 100, alice.id);
    CHECK(str(next_notification(again).at("title")).find(second.number) != std::string::npos);
    CHECK(str(next_notification(alice_ws).at("title")).find(second.number) != std::string::npos);
  }
  SECTION("an event that arrives again sends nothing twice") {
    app.publish(order);
    REQUIRE(app.handled("notification.order_reactions"));
    CHECK_FALSE(alice_ws.next(500ms));
  }
}

TEST_CASE("a stream that reconnects with the last message it saw gets what it missed, in order", "[inbox][stream]") {
  SmtpServer smtp;
  NotificationApp app(smtp);
  const auto alice = app.sign_up("alice@example.com");
  std::string last_seen;
  {
    auto ws = stream(app, alice);
    REQUIRE(ws.next());  // hello
    app.place("alice@example.com", 100, alice.id);
    last_seen = str(next_notification(ws).at("id"));
    ws.close();
  }
  const auto missed1 = app.place("alice@example.com", 200, alice.id);
  const auto missed2 = app.place("alice@example.com", 300, alice.id);
  REQUIRE(app.handled("notification.order_reactions"));

  auto ws = stream(app, alice, last_seen);
  const auto hello = ws.next();
  REQUIRE(hello);
  CHECK(hello->at("unread").as_int64() == 3);
  CHECK(str(next_notification(ws).at("title")).find(missed1.number) != std::string::npos);
  CHECK(str(next_notification(ws).at("title")).find(missed2.number) != std::string::npos);
  const auto live = app.place("alice@example.com", 400, alice.id);
  CHECK(str(next_notification(ws).at("title")).find(live.number) != std::string::npos);
  CHECK_FALSE(ws.next(300ms));  // each once

  SECTION("an `after` that is none of the customer's messages is an error frame, then the close") {
    const auto bob = app.sign_up("bob@example.com");
    auto theirs = stream(app, bob, last_seen);
    REQUIRE(theirs.next());  // hello
    const auto error = theirs.next();
    REQUIRE(error);
    CHECK(str(error->at("type")) == "error");
    CHECK_FALSE(theirs.next());
    CHECK(theirs.closed_by_server());
  }
}

TEST_CASE("the stream is refused without a valid token, and answers plain HTTP with 426", "[inbox][stream]") {
  SmtpServer smtp;
  NotificationApp app(smtp);
  const auto alice = app.sign_up("alice@example.com");
  try {
    WebSocketClient ws(app.app.port(), "/api/v1/notifications/stream");
    FAIL("upgraded without a token");
  } catch (const WebSocketRefused& e) {
    CHECK(e.status == 401);
  }
  try {
    WebSocketClient ws(app.app.port(), "/api/v1/notifications/stream?access_token=" + alice.token + "x");
    FAIL("upgraded with a tampered token");
  } catch (const WebSocketRefused& e) {
    CHECK(e.status == 401);
  }
  // The Authorization header works as well as the query parameter.
  WebSocketClient by_header(app.app.port(), "/api/v1/notifications/stream",
                            {{"Authorization", "Bearer " + alice.token}});
  CHECK(by_header.next());
  const auto plain = app.call("GET", "/api/v1/notifications/stream", nullptr, alice.token);
  CHECK(plain.status == 426);
  CHECK(plain.headers.at("content-type") == "application/problem+json");
}
