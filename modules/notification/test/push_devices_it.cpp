// Customers register the devices they get push messages on, list them and remove them: their own
// only, whatever token another user's device has.
#include "app/devices.hpp"
#include "harness/problems.hpp"
#include "push_fcm.hpp"

using namespace agora;
using namespace agora::notification;
using namespace agora::notification::test;
using agora::test::bad_fields;
using agora::test::problem;
using agora::test::sign_up;

namespace {

struct DevicesApp {
  SmtpServer smtp;
  NotificationApp app{smtp, with_customers({})};

  agora::test::HttpResult add(const agora::test::Account& a, const std::string& token,
                              const std::string& platform = "android") {
    return app.call("POST", "/api/v1/notifications/devices", {{"token", token}, {"platform", platform}}, a.token);
  }
  std::vector<std::string> tokens_of(const agora::test::Account& a) {
    const auto r = app.call("GET", "/api/v1/notifications/devices", nullptr, a.token);
    REQUIRE(r.status == 200);
    const auto body = r.json();
    std::vector<std::string> out;
    for (const auto& d : body.at("items").as_array()) out.emplace_back(d.at("token").as_string());
    return out;
  }
};

}  // namespace

TEST_CASE(
    "a customer registers a device, sees it listed, and registering it again changes nothing but when it was seen",
    "[push]") {
  DevicesApp t;
  const auto ann = sign_up(t.app, "ann@example.com");
  const auto token = device_token();
  const auto first = t.add(ann, token, "ios");
  REQUIRE(first.status == 201);
  CHECK(first.json().at("token").as_string() == token);
  CHECK(first.json().at("platform").as_string() == "ios");

  t.app.clock.advance(std::chrono::minutes(1));
  const auto again = t.add(ann, token, "ios");
  REQUIRE(again.status == 200);
  CHECK(again.json().at("created_at") == first.json().at("created_at"));
  CHECK(again.json().at("last_seen_at") != first.json().at("last_seen_at"));
  CHECK(t.tokens_of(ann) == std::vector<std::string>{token});
  CHECK(t.app.count("SELECT count(*) FROM notification.device_tokens") == 1);
}

TEST_CASE("a token registered by another user moves to them: the first no longer has it", "[push]") {
  DevicesApp t;
  const auto ann = sign_up(t.app, "ann@example.com");
  const auto bob = sign_up(t.app, "bob@example.com");
  const auto token = device_token();
  REQUIRE(t.add(ann, token).status == 201);
  REQUIRE(t.add(bob, token, "web").status == 200);
  CHECK(t.tokens_of(ann).empty());
  CHECK(t.tokens_of(bob) == std::vector<std::string>{token});
}

TEST_CASE("a customer removes their device; another user's token is not found and stays", "[push]") {
  DevicesApp t;
  const auto ann = sign_up(t.app, "ann@example.com");
  const auto bob = sign_up(t.app, "bob@example.com");
  const auto anns = device_token();
  const auto bobs = device_token();
  REQUIRE(t.add(ann, anns).status == 201);
  REQUIRE(t.add(bob, bobs).status == 201);

  const auto theirs = t.app.call("DELETE", "/api/v1/notifications/devices/" + anns, nullptr, bob.token);
  CHECK(theirs.status == 404);
  CHECK(problem(theirs).at("status").as_int64() == 404);
  CHECK(t.tokens_of(ann) == std::vector<std::string>{anns});

  CHECK(t.app.call("DELETE", "/api/v1/notifications/devices/" + anns, nullptr, ann.token).status == 204);
  CHECK(t.tokens_of(ann).empty());
  CHECK(t.app.call("DELETE", "/api/v1/notifications/devices/" + anns, nullptr, ann.token).status == 404);
  CHECK(t.tokens_of(bob) == std::vector<std::string>{bobs});
}

TEST_CASE("devices are the signed-in user's only: without a token the routes answer 401", "[push]") {
  DevicesApp t;
  CHECK(t.app.call("GET", "/api/v1/notifications/devices").status == 401);
  CHECK(t.app.call("POST", "/api/v1/notifications/devices", {{"token", device_token()}, {"platform", "ios"}}).status ==
        401);
  CHECK(t.app.call("DELETE", "/api/v1/notifications/devices/" + device_token()).status == 401);
  CHECK(t.app.count("SELECT count(*) FROM notification.device_tokens") == 0);
}

TEST_CASE("a device with a bad token or platform is refused with a problem naming every bad field", "[push]") {
  DevicesApp t;
  const auto ann = sign_up(t.app, "ann@example.com");
  const auto both = t.add(ann, "has spaces/and slashes", "windows");
  CHECK(both.status == 422);
  CHECK(bad_fields(both) == std::vector<std::string>{"platform", "token"});
  CHECK(problem(both).at("title").is_string());

  const auto missing = t.app.call("POST", "/api/v1/notifications/devices", {{"platform", "web"}}, ann.token);
  CHECK(missing.status == 422);
  CHECK(bad_fields(missing) == std::vector<std::string>{"token"});
  const auto too_long = t.add(ann, std::string(4097, 'a'));
  CHECK(bad_fields(too_long) == std::vector<std::string>{"token"});
  const auto extra = t.app.call("POST", "/api/v1/notifications/devices",
                                {{"token", device_token()}, {"platform", "ios"}, {"user_id", ann.id}}, ann.token);
  CHECK(bad_fields(extra) == std::vector<std::string>{"user_id"});
  CHECK(t.tokens_of(ann).empty());
}

TEST_CASE("a user keeps their twenty devices seen last: one more removes the one seen longest ago", "[push]") {
  DevicesApp t;
  const auto ann = sign_up(t.app, "ann@example.com");
  std::vector<std::string> tokens;
  for (int i = 0; i < kMaxDevicesPerUser + 1; ++i) {
    tokens.push_back(device_token());
    REQUIRE(t.add(ann, tokens.back()).status == 201);
    t.app.clock.advance(std::chrono::seconds(1));
  }
  const auto kept = t.tokens_of(ann);
  CHECK(kept.size() == static_cast<std::size_t>(kMaxDevicesPerUser));
  CHECK(std::find(kept.begin(), kept.end(), tokens.front()) == kept.end());
  CHECK(kept.front() == tokens.back());
}
