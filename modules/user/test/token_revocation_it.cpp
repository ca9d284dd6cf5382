// Access tokens outlive neither a lock nor a role taken away: every instance refuses them right
// after the administrator's change commits, although each remembers the tokens it verified.
#include "harness/eventually.hpp"
#include "user_app.hpp"

using namespace agora;
using namespace agora::user::test;
using agora::test::eventually;
using namespace std::chrono_literals;

namespace {

// A second instance of the server on the first one's database.
Config second_instance(UserApp& first) {
  return agora::test::test_config_for(first.config.string("database.url"), with_kek({}));
}

std::string token_of(const HttpResult& login) { return std::string(login.json().at("access_token").as_string()); }

}  // namespace

TEST_CASE("a role taken away stops the tokens that carry it on every instance, and a new login works") {
  UserApp a;
  UserApp b(second_instance(a));
  const auto admin = a.admin_token("root@example.com");
  const auto sue = id_of(a.register_user("sue@example.com"));
  REQUIRE(a.call("PUT", "/api/v1/admin/users/" + sue + "/roles", {{"roles", {"support"}}}, admin).status == 200);
  const auto support_token = token_of(a.login("sue@example.com"));
  REQUIRE(b.call("GET", "/api/v1/admin/users", nullptr, support_token).status == 200);  // b verified and remembers it

  a.clock.advance(1s);
  REQUIRE(a.call("PUT", "/api/v1/admin/users/" + sue + "/roles", {{"roles", {"customer"}}}, admin).status == 200);
  REQUIRE(eventually([&] { return b.call("GET", "/api/v1/admin/users", nullptr, support_token).status == 401; }, 5s));
  REQUIRE(a.call("GET", "/api/v1/admin/users", nullptr, support_token).status == 401);
  REQUIRE(b.call("GET", "/api/v1/users/me", nullptr, support_token).status == 401);

  a.clock.advance(1s);
  const auto customer_token = token_of(a.login("sue@example.com"));
  REQUIRE(b.call("GET", "/api/v1/users/me", nullptr, customer_token).status == 200);
  REQUIRE(b.call("GET", "/api/v1/admin/users", nullptr, customer_token).status == 403);
  REQUIRE(b.call("GET", "/api/v1/users/me", nullptr, admin).status == 200);  // nobody else's tokens are touched
}

TEST_CASE("a locked user's access tokens are refused on every instance, and stay refused after the unlock") {
  UserApp a;
  UserApp b(second_instance(a));
  const auto admin = a.admin_token("root@example.com");
  const auto tom = id_of(a.register_user("tom@example.com"));
  const auto before_lock = token_of(a.login("tom@example.com"));
  REQUIRE(b.call("GET", "/api/v1/users/me", nullptr, before_lock).status == 200);

  a.clock.advance(1s);
  REQUIRE(a.call("POST", "/api/v1/admin/users/" + tom + "/lock", {{"reason", "chargeback fraud"}}, admin).status ==
          200);
  REQUIRE(eventually([&] { return b.call("GET", "/api/v1/users/me", nullptr, before_lock).status == 401; }, 5s));
  REQUIRE(a.call("GET", "/api/v1/users/me", nullptr, before_lock).status == 401);
  REQUIRE(a.login("tom@example.com").status == 401);  // as a wrong password answers

  REQUIRE(a.call("POST", "/api/v1/admin/users/" + tom + "/unlock", nullptr, admin).status == 200);
  a.clock.advance(1s);
  const auto after_unlock = token_of(a.login("tom@example.com"));
  REQUIRE(b.call("GET", "/api/v1/users/me", nullptr, after_unlock).status == 200);
  REQUIRE(b.call("GET", "/api/v1/users/me", nullptr, before_lock).status == 401);
}
