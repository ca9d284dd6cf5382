// Issue 17: what the user routes answer to requests they refuse. A body that cannot be read is a
// 400; every refused value is one 422 listing each problem under the name the client sent (JSON
// path, query parameter); an unknown or malformed id is a 404 naming it.
#include "user_app.hpp"

using namespace agora;
using namespace agora::user;
using namespace agora::user::test;

namespace {

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("registration lists every problem of its body in one 422, and refuses members it does not take") {
  UserApp u;
  REQUIRE(bad_fields(u.call("POST", "/api/v1/auth/register", boost::json::object{})) ==
          Names{"email", "name", "password"});
  const auto both =
      u.call("POST", "/api/v1/auth/register", {{"email", "not-an-email"}, {"password", "short"}, {"name", "Ann"}});
  REQUIRE(both.status == 422);
  REQUIRE(bad_fields(both) == Names{"email", "password"});
  const auto extra =
      u.call("POST", "/api/v1/auth/register",
             {{"email", "ann@example.com"}, {"password", kPassword}, {"name", "Ann"}, {"roles", {"admin"}}});
  REQUIRE(extra.status == 422);
  REQUIRE(bad_fields(extra) == Names{"roles"});
  REQUIRE(u.call("POST", "/api/v1/auth/register", boost::json::array{"ann@example.com"}).status == 400);
  REQUIRE(u.count("SELECT count(*) FROM \"user\".accounts") == 0);
}

TEST_CASE("the token endpoint names each missing member of the grant and ignores members it does not know") {
  UserApp u;
  REQUIRE(u.register_user("ben@example.com").status == 201);
  REQUIRE(bad_fields(u.call("POST", "/api/v1/auth/token", {{"email", "ben@example.com"}})) == Names{"grant_type"});
  REQUIRE(bad_fields(u.call("POST", "/api/v1/auth/token", {{"grant_type", "client_credentials"}})) ==
          Names{"grant_type"});
  REQUIRE(bad_fields(u.call("POST", "/api/v1/auth/token", {{"grant_type", "password"}})) == Names{"email", "password"});
  REQUIRE(bad_fields(u.call("POST", "/api/v1/auth/token", {{"grant_type", "mfa"}, {"code", 123456}})) ==
          Names{"code", "mfa_token"});
  // Both problems at once, and the same answer whether the account exists or not.
  const std::string too_long(1025, 'x');
  const auto bad =
      u.call("POST", "/api/v1/auth/token", {{"grant_type", "password"}, {"email", "ben@"}, {"password", too_long}});
  REQUIRE(bad.status == 422);
  REQUIRE(bad_fields(bad) == Names{"email", "password"});
  const auto ok = u.call("POST", "/api/v1/auth/token",
                         {{"grant_type", "password"},
                          {"email", "ben@example.com"},
                          {"password", kPassword},
                          {"client_id", "web"},
                          {"scope", "openid"}});
  REQUIRE(ok.status == 200);  // RFC 6749, 3.2: unrecognised parameters are ignored
}

TEST_CASE("a password change with a wrong current password and a weak new one names both") {
  UserApp u;
  const auto token = u.access_token("cai@example.com");
  const auto r = u.call("POST", "/api/v1/users/me/password",
                        {{"current_password", "not my password at all"}, {"new_password", "short"}}, token);
  REQUIRE(r.status == 422);
  REQUIRE(bad_fields(r) == Names{"current_password", "new_password"});
  REQUIRE(bad_fields(u.call("POST", "/api/v1/users/me/password", {{"new_password", 7}}, token)) ==
          Names{"current_password", "new_password"});
  REQUIRE(bad_fields(u.call("POST", "/api/v1/users/me/mfa/totp/confirm", boost::json::object{}, token)) ==
          Names{"code"});
}

TEST_CASE("bad preferences and address ids are named as sent: the channel by its index, the address by its id") {
  UserApp u;
  const auto token = u.access_token("dot@example.com");
  const auto bad =
      u.call("PATCH", "/api/v1/users/me/preferences", {{"channels", {{"order", {"email", "pigeon", 7}}}}}, token);
  REQUIRE(bad.status == 422);
  REQUIRE(bad_fields(bad) == Names{"channels.order[1]", "channels.order[2]"});
  const std::string missing = "0190a1b2-0000-7000-8000-000000000000";
  const auto gone = u.call("GET", "/api/v1/users/me/addresses/" + missing, nullptr, token);
  REQUIRE(gone.status == 404);
  REQUIRE(problem(gone).at("detail").as_string().find(missing) != std::string::npos);
  REQUIRE(u.call("PATCH", "/api/v1/users/me/addresses/not-a-uuid", {{"city", "Rome"}}, token).status == 404);
}

TEST_CASE("an account search's bad limit, cursor, role and status are one 422 naming each parameter") {
  UserApp u;
  const auto admin = u.admin_token("eli@example.com");
  const auto search = [&](const std::string& query) {
    return u.call("GET", "/api/v1/admin/users?" + query, nullptr, admin);
  };
  for (const auto* limit : {"abc", "0", "1000", "-1"}) {
    INFO(limit);
    const auto r = search(std::string("limit=") + limit);
    REQUIRE(r.status == 422);
    REQUIRE(bad_fields(r) == Names{"limit"});
  }
  REQUIRE(bad_fields(search("cursor=not-a-cursor")) == Names{"cursor"});
  REQUIRE(bad_fields(search("role=root&status=gone&limit=0&cursor=x")) == Names{"cursor", "limit", "role", "status"});
  REQUIRE(bad_fields(search("q=" + std::string(201, 'a'))) == Names{"q"});
  REQUIRE(search("role=admin&status=active&limit=100").status == 200);

  const auto audit = [&](const std::string& query) {
    return u.call("GET", "/api/v1/admin/audit?" + query, nullptr, admin);
  };
  REQUIRE(audit("cursor=yesterday").status == 422);
  REQUIRE(bad_fields(audit("cursor=yesterday&limit=abc")) == Names{"cursor", "limit"});
  REQUIRE(u.call("GET", "/api/v1/admin/users/not-a-uuid", nullptr, admin).status == 404);
}

TEST_CASE("roles and lock reasons are refused naming each bad entry") {
  UserApp u;
  const auto admin = u.admin_token("fay@example.com");
  const auto gus = id_of(u.register_user("gus@example.com"));
  const auto roles = [&](const boost::json::value& body) {
    return u.call("PUT", "/api/v1/admin/users/" + gus + "/roles", body, admin);
  };
  const auto unknown = roles({{"roles", {"warehouse", "root", "god"}}});
  REQUIRE(unknown.status == 422);
  REQUIRE(bad_fields(unknown) == Names{"roles[1]", "roles[2]"});
  REQUIRE(bad_fields(roles({{"roles", {"warehouse", 7}}})) == Names{"roles[1]"});
  REQUIRE(bad_fields(roles({{"roles", "admin"}})) == Names{"roles"});
  REQUIRE(bad_fields(roles(boost::json::object{})) == Names{"roles"});

  const auto lock = [&](const boost::json::value& body) {
    return u.call("POST", "/api/v1/admin/users/" + gus + "/lock", body, admin);
  };
  REQUIRE(bad_fields(lock({{"reason", 5}})) == Names{"reason"});
  REQUIRE(bad_fields(lock({{"reason", "spam"}, {"until", "tomorrow"}})) == Names{"until"});
  REQUIRE(lock(nullptr).status == 200);  // the body may be left out
}
