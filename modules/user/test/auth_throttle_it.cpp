// Issue 18, item 6: failed logins slow down the address they come from, not the account's owner.
#include "auth_fixture.hpp"
#include "domain/throttle.hpp"

using namespace agora;
using namespace agora::user;
using namespace agora::user::test;
using namespace std::chrono_literals;

namespace {

const std::string kAttacker = "203.0.113.7";
const std::string kOwner = "198.51.100.20";

// What a login answers: "ok", "invalid" (401), or "retry after N s" (429).
std::string outcome(AuthFixture& f, const std::string& email, const std::string& password, const std::string& address) {
  try {
    f.auth.password_grant(email, password, address);
    return "ok";
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::too_many_requests)
      return "retry after " + std::to_string(e.retry_after()->count()) + " s";
    if (e.kind() == ErrorKind::unavailable) return "busy";
    return e.kind() == ErrorKind::unauthorized ? "invalid" : e.what();
  }
}

}  // namespace

TEST_CASE("a correct password from another address logs in while an attacker's address is throttled") {
  AuthFixture f;
  f.auth.register_user("kai@example.com", kPassword, "Kai");
  for (int i = 0; i < 5; ++i)
    REQUIRE(outcome(f, "kai@example.com", "guess number " + std::to_string(i), kAttacker) == "invalid");
  // The attacker's address waits, and the right password does not tell it anything more.
  REQUIRE(outcome(f, "kai@example.com", "guess number 5", kAttacker) == "retry after 1 s");
  REQUIRE(outcome(f, "kai@example.com", kPassword, kAttacker) == "retry after 1 s");
  // The owner, elsewhere, is not slowed at all.
  REQUIRE(outcome(f, "kai@example.com", kPassword, kOwner) == "ok");
  for (int i = 0; i < 20; ++i) {
    f.u.clock.advance(16min);
    outcome(f, "kai@example.com", "another guess!!", kAttacker);
  }
  REQUIRE(outcome(f, "kai@example.com", kPassword, kOwner) == "ok");
}

TEST_CASE("an address that fails on many accounts is slowed on every account, other addresses are not") {
  AuthOptions options;
  options.address_throttle.free_attempts = 3;
  AuthFixture f({}, options);
  f.auth.register_user("lea@example.com", kPassword, "Lea");
  REQUIRE(outcome(f, "one@example.com", kPassword, kAttacker) == "invalid");
  REQUIRE(outcome(f, "two@example.com", kPassword, kAttacker) == "invalid");
  REQUIRE(outcome(f, "three@example.com", kPassword, kAttacker) == "invalid");
  REQUIRE(outcome(f, "lea@example.com", kPassword, kAttacker) == "retry after 1 s");
  REQUIRE(outcome(f, "lea@example.com", kPassword, kOwner) == "ok");
  f.u.clock.advance(1100ms);
  // The delay ended; a success does not reset the address's count, the next failure doubles it.
  REQUIRE(outcome(f, "lea@example.com", kPassword, kAttacker) == "ok");
  REQUIRE(outcome(f, "four@example.com", kPassword, kAttacker) == "invalid");
  REQUIRE(outcome(f, "lea@example.com", kPassword, kAttacker) == "retry after 2 s");
}

TEST_CASE("an IPv6 client is counted by its /64: changing the low bits of its address starts no fresh allowance") {
  AuthOptions options;
  options.address_throttle.free_attempts = 3;
  AuthFixture f({}, options);
  f.auth.register_user("ivo@example.com", kPassword, "Ivo");
  REQUIRE(outcome(f, "one@example.com", kPassword, "2001:db8:5:6::1") == "invalid");
  REQUIRE(outcome(f, "two@example.com", kPassword, "2001:db8:5:6::2") == "invalid");
  REQUIRE(outcome(f, "three@example.com", kPassword, "2001:db8:5:6:ffff::3") == "invalid");
  REQUIRE(outcome(f, "ivo@example.com", kPassword, "2001:db8:5:6::4") == "retry after 1 s");
  REQUIRE(outcome(f, "ivo@example.com", kPassword, "2001:db8:5:7::1") == "ok");  // another /64
}

TEST_CASE("an account locked by an administrator answers its correct password as it answers a wrong one") {
  UserApp u;
  REQUIRE(u.register_user("max@example.com").status == 201);
  u.db().transact([](Tx& tx) {
    tx.sql() << "UPDATE \"user\".accounts SET status = 'locked', locked_reason = 'fraud'"
                " WHERE email = 'max@example.com'";
  });
  const auto right = u.login("max@example.com");
  const auto wrong = u.login("max@example.com", "not the password at all");
  REQUIRE(right.status == 401);
  REQUIRE(right.body == wrong.body);
}
