// Profiles, addresses and preferences: validation, ownership (another user's ids answer 404),
// mass assignment, erasure, and what customers cannot reach.
#include "user_app.hpp"

#include <agora/user/api.hpp>

using namespace agora;
using namespace agora::user;
using namespace agora::user::test;

namespace {

const boost::json::object kAddress{{"recipient", "Ada Lovelace"},
                                   {"line1", "12 St James's Square"},
                                   {"city", "London"},
                                   {"postal_code", "SW1Y 4JH"},
                                   {"country", "GB"}};

}  // namespace

TEST_CASE("a customer cannot set their own roles or verified flag through PATCH") {
  UserApp u;
  const auto token = u.access_token("nia@example.com");
  const auto r = u.call("PATCH", "/api/v1/users/me",
                        {{"name", "Nia"}, {"roles", {"admin"}}, {"email_verified", true}, {"status", "active"}}, token);
  REQUIRE(r.status == 422);
  auto fields = bad_fields(r);
  std::sort(fields.begin(), fields.end());
  REQUIRE(fields == std::vector<std::string>{"email_verified", "roles", "status"});
  const auto me = u.call("GET", "/api/v1/users/me", nullptr, token).json();
  REQUIRE(me.at("roles") == boost::json::array{"customer"});
  REQUIRE(me.at("email_verified") == false);
  REQUIRE(me.at("name") == "Test User");  // nothing half-applied

  const auto ok =
      u.call("PATCH", "/api/v1/users/me",
             {{"name", "Nia"}, {"phone", "+14155550123"}, {"locale", "de-CH"}, {"preferred_currency", "CHF"}}, token);
  REQUIRE(ok.status == 200);
  REQUIRE(ok.json().at("preferred_currency") == "CHF");
  const auto bad = u.call("PATCH", "/api/v1/users/me",
                          {{"phone", "555"}, {"locale", "xx_YY"}, {"preferred_currency", "EURO"}}, token);
  REQUIRE(bad_fields(bad).size() == 3);
}

TEST_CASE("one user cannot read, change or delete another user's address: it answers 404") {
  UserApp u;
  const auto a = u.access_token("oli@example.com");
  const auto b = u.access_token("pam@example.com");
  const auto created = u.call("POST", "/api/v1/users/me/addresses", kAddress, b);
  REQUIRE(created.status == 201);
  const auto path = "/api/v1/users/me/addresses/" + id_of(created);
  REQUIRE(u.call("GET", path, nullptr, b).status == 200);
  REQUIRE(u.call("GET", path, nullptr, a).status == 404);
  REQUIRE(u.call("PATCH", path, {{"city", "Paris"}}, a).status == 404);
  REQUIRE(u.call("DELETE", path, nullptr, a).status == 404);
  REQUIRE(u.call("GET", "/api/v1/users/me/addresses", nullptr, a).json().at("items").as_array().empty());
  REQUIRE(u.call("GET", path, nullptr, b).json().at("city") == "London");
  REQUIRE(u.call("GET", "/api/v1/users/me/addresses/not-a-uuid", nullptr, a).status == 404);
}

TEST_CASE("addresses are validated field by field and one of them is the default") {
  UserApp u;
  const auto t = u.access_token("quinn@example.com");
  const auto bad =
      u.call("POST", "/api/v1/users/me/addresses", {{"recipient", ""}, {"country", "XX"}, {"line1", 7}}, t);
  REQUIRE(bad.status == 422);
  auto fields = bad_fields(bad);
  std::sort(fields.begin(), fields.end());
  REQUIRE(fields == std::vector<std::string>{"city", "country", "line1", "recipient"});
  auto us = kAddress;
  us["country"] = "US";
  us.erase("postal_code");
  REQUIRE(bad_fields(u.call("POST", "/api/v1/users/me/addresses", us, t)) == std::vector<std::string>{"postal_code"});

  auto home = kAddress;
  home["default_shipping"] = true;
  REQUIRE(u.call("POST", "/api/v1/users/me/addresses", home, t).status == 201);
  const auto second = id_of(u.call("POST", "/api/v1/users/me/addresses", home, t));
  const auto list = u.call("GET", "/api/v1/users/me/addresses", nullptr, t).json().at("items").as_array();
  REQUIRE(list.size() == 2);
  for (const auto& a : list) REQUIRE(a.at("default_shipping") == (a.at("id") == boost::json::value(second)));

  auto& api = u.app.platform().services.get<user::Api>();
  const auto me = u.call("GET", "/api/v1/users/me", nullptr, t).json();
  REQUIRE(api.default_shipping_address(std::string(me.at("id").as_string()))->id == second);
  REQUIRE_FALSE(api.default_billing_address(std::string(me.at("id").as_string())));
  REQUIRE(u.call("DELETE", "/api/v1/users/me/addresses/" + second, nullptr, t).status == 204);
  REQUIRE_FALSE(api.default_shipping_address(std::string(me.at("id").as_string())));
  REQUIRE(api.find(std::string(me.at("id").as_string()))->email == "quinn@example.com");
}

TEST_CASE("preferences keep notification channels per category and when marketing consent changed") {
  UserApp u;
  const auto t = u.access_token("rex@example.com");
  const auto initial = u.call("GET", "/api/v1/users/me/preferences", nullptr, t).json();
  REQUIRE(initial.at("marketing_consent") == false);
  REQUIRE(initial.at("marketing_consent_at").is_null());
  const auto r = u.call("PATCH", "/api/v1/users/me/preferences",
                        {{"language", "fr"},
                         {"currency", "EUR"},
                         {"marketing_consent", true},
                         {"channels", {{"order", {"email", "push"}}, {"marketing", {"sms"}}}}},
                        t);
  REQUIRE(r.status == 200);
  REQUIRE(r.json().at("channels").at("order") == boost::json::array{"email", "push"});
  REQUIRE(r.json().at("channels").at("security") == boost::json::array{"email"});
  REQUIRE(r.json().at("marketing_consent_at").is_string());
  const auto bad =
      u.call("PATCH", "/api/v1/users/me/preferences", {{"channels", {{"order", {"pigeon"}}}}, {"currency", "ZZZ"}}, t);
  REQUIRE(bad_fields(bad) == std::vector<std::string>{"channels.order[0]", "currency"});
  REQUIRE(u.call("GET", "/api/v1/users/me/preferences", nullptr, t).json().at("language") == "fr");
}

TEST_CASE("deleting the account erases personal data, ends sessions and announces user.deleted") {
  UserApp u;
  const auto s = u.signed_up("sam@example.com");
  const std::string token(s.at("access_token").as_string());
  REQUIRE(u.call("POST", "/api/v1/users/me/addresses", kAddress, token).status == 201);
  const auto id = std::string(u.call("GET", "/api/v1/users/me", nullptr, token).json().at("id").as_string());
  REQUIRE(u.call("DELETE", "/api/v1/users/me", nullptr, token).status == 204);
  REQUIRE(u.call("GET", "/api/v1/users/me", nullptr, token).status == 401);  // its tokens end with it
  REQUIRE(u.login("sam@example.com").status == 401);
  REQUIRE(
      u.call("POST", "/api/v1/auth/token", {{"grant_type", "refresh_token"}, {"refresh_token", s.at("refresh_token")}})
          .status == 401);
  REQUIRE(u.count("SELECT count(*) FROM \"user\".accounts WHERE email LIKE '%sam%' OR name <> ''") == 0);
  REQUIRE(u.count("SELECT count(*) FROM \"user\".addresses") == 0);
  REQUIRE(u.last_event<events::Deleted>(id).user_id == id);
  REQUIRE(u.register_user("sam@example.com").status == 201);  // the address is free again
}

TEST_CASE("customers cannot reach admin routes; admins search, lock, unlock and change roles, all audited") {
  UserApp u;
  const auto customer = u.access_token("tia@example.com");
  const auto admin = u.admin_token("boss@example.com");
  REQUIRE(u.call("GET", "/api/v1/admin/users", nullptr, customer).status == 403);
  REQUIRE(u.call("GET", "/api/v1/admin/audit", nullptr, customer).status == 403);
  REQUIRE(u.call("POST", "/api/v1/admin/auth/keys/rotate", nullptr, customer).status == 403);

  const auto found = u.call("GET", "/api/v1/admin/users?q=TIA", nullptr, admin).json().at("items").as_array();
  REQUIRE(found.size() == 1);
  const std::string tia(found[0].at("id").as_string());
  REQUIRE(u.call("GET", "/api/v1/admin/users?q=%25", nullptr, admin).json().at("items").as_array().empty());

  REQUIRE(u.call("POST", "/api/v1/admin/users/" + tia + "/lock", {{"reason", "chargeback fraud"}}, admin).status ==
          200);
  REQUIRE(u.login("tia@example.com").status == 401);  // as a wrong password: the right one is not revealed
  REQUIRE(u.call("POST", "/api/v1/admin/users/" + tia + "/unlock", nullptr, admin).status == 200);
  REQUIRE(u.login("tia@example.com").status == 200);

  REQUIRE(u.call("PUT", "/api/v1/admin/users/" + tia + "/roles", {{"roles", {"root"}}}, admin).status == 422);
  const auto promoted = u.call("PUT", "/api/v1/admin/users/" + tia + "/roles", {{"roles", {"warehouse"}}}, admin);
  REQUIRE(promoted.json().at("roles") == boost::json::array{"customer", "warehouse"});
  const auto relogin = std::string(u.login("tia@example.com").json().at("access_token").as_string());
  REQUIRE(jwt_decode(relogin)->claims.at("roles") == boost::json::array{"customer", "warehouse"});

  const auto audit = u.call("GET", "/api/v1/admin/audit", nullptr, admin).json().at("items").as_array();
  REQUIRE(audit.size() == 3);
  REQUIRE(audit[0].at("action") == "roles");
  REQUIRE(audit[2].at("action") == "lock");
  REQUIRE(audit[2].at("details").at("reason") == "chargeback fraud");
  REQUIRE(u.call("POST", "/api/v1/admin/users/00000000-0000-7000-8000-000000000000/lock", nullptr, admin).status ==
          404);
}

TEST_CASE("admins find users by role and by status, a page at a time") {
  UserApp u;
  const auto admin = u.admin_token("chief@example.com");
  u.access_token("uma@example.com");
  const auto vic = id_of(u.register_user("vic@example.com"));
  REQUIRE(u.call("POST", "/api/v1/admin/users/" + vic + "/lock", {{"reason", "spam"}}, admin).status == 200);
  const auto emails = [&](const std::string& query) {
    const auto found = u.call("GET", "/api/v1/admin/users?" + query, nullptr, admin).json();
    std::vector<std::string> out;
    for (const auto& a : found.at("items").as_array()) out.emplace_back(a.at("email").as_string());
    return out;
  };
  REQUIRE(emails("role=admin") == std::vector<std::string>{"chief@example.com"});
  REQUIRE(emails("status=locked") == std::vector<std::string>{"vic@example.com"});
  REQUIRE(emails("role=customer&status=active") == std::vector<std::string>{"chief@example.com", "uma@example.com"});
  const auto first = u.call("GET", "/api/v1/admin/users?limit=1", nullptr, admin).json();
  REQUIRE(first.at("items").as_array().size() == 1);
  const std::string cursor(first.at("next_cursor").as_string());
  REQUIRE(emails("limit=5&cursor=" + cursor) == std::vector<std::string>{"uma@example.com", "vic@example.com"});
}
