// Issue 18, item 5: whether an account exists shows neither in the answer nor in the work done.
#include "auth_fixture.hpp"

using namespace agora;
using namespace agora::user;
using namespace agora::user::test;

namespace {

const std::string kTooLong(1025, 'x');

}  // namespace

TEST_CASE("a password over 1,024 bytes is refused before any lookup, alike for known and unknown accounts") {
  AuthFixture f;
  REQUIRE(f.u.register_user("fay@example.com").status == 201);
  const auto before = f.hashing_done();
  const auto known = f.u.login("fay@example.com", kTooLong);
  const auto unknown = f.u.login("nobody@example.com", kTooLong);
  REQUIRE(known.status == 422);
  REQUIRE(bad_fields(known) == std::vector<std::string>{"password"});
  REQUIRE(unknown.body == known.body);
  REQUIRE(error_kind_of([&] { f.auth.password_grant("fay@example.com", kTooLong, "192.0.2.1"); }) ==
          ErrorKind::validation);
  REQUIRE(error_kind_of([&] { f.auth.password_grant("nobody@example.com", kTooLong, "192.0.2.1"); }) ==
          ErrorKind::validation);
  REQUIRE(f.hashing_done() == before);  // no verification, no dummy one: nothing to time
  REQUIRE(f.u.count("SELECT count(*) FROM \"user\".login_throttle") == 0);
}

TEST_CASE("a failed login costs one password verification whatever the account: known, unknown, deleted or locked") {
  AuthFixture f;
  f.auth.register_user("gil@example.com", kPassword, "Gil");
  f.auth.register_user("hal@example.com", kPassword, "Hal");
  f.auth.register_user("ivy@example.com", kPassword, "Ivy");
  f.u.db().transact([](Tx& tx) {
    tx.sql() << "UPDATE \"user\".accounts SET status = 'deleted' WHERE email = 'hal@example.com'";
    tx.sql() << "UPDATE \"user\".accounts SET status = 'locked' WHERE email = 'ivy@example.com'";
  });
  for (const auto& [email, password] :
       std::vector<std::pair<std::string, std::string>>{{"gil@example.com", "a wrong passphrase"},
                                                        {"nobody@example.com", kPassword},
                                                        {"hal@example.com", kPassword},
                                                        {"ivy@example.com", kPassword}}) {
    const auto before = f.hashing_done();
    REQUIRE(error_kind_of([&] { f.auth.password_grant(email, password, "192.0.2.1"); }) == ErrorKind::unauthorized);
    REQUIRE(f.hashing_done() == before + 1);
  }
}

TEST_CASE("a password reset request does the same work whether the email has an account or not") {
  // The dispatch job stays asleep: the test runs it where it wants to see its effect.
  AuthFixture f({}, {}, {{"auth.reset_dispatch_ms", "3600000"}});
  f.auth.register_user("jay@example.com", kPassword, "Jay");
  const auto written = [&] {
    REQUIRE(f.u.recorder.caught_up());
    return static_cast<long long>(f.u.recorder.size()) * 1000000 +
           f.u.count(
               "SELECT (SELECT count(*) FROM \"user\".one_time_tokens) * 1000 +"
               " (SELECT count(*) FROM \"user\".password_reset_requests)");
  };
  const auto start = written();
  const auto known = f.u.call("POST", "/api/v1/auth/password/forgot", {{"email", "jay@example.com"}});
  const auto after_known = written();
  const auto unknown = f.u.call("POST", "/api/v1/auth/password/forgot", {{"email", "nobody@example.com"}});
  const auto after_unknown = written();
  REQUIRE(known.status == 202);
  REQUIRE(unknown.body == known.body);
  REQUIRE(after_known - start == 1);  // one queued request, nothing else
  REQUIRE(after_unknown - after_known == 1);

  f.auth.send_reset_links();  // what the background job does
  REQUIRE(f.u.count("SELECT count(*) FROM \"user\".password_reset_requests") == 0);
  const auto mailed = f.u.published<events::PasswordResetRequested>();
  REQUIRE(mailed.size() == 1);
  REQUIRE(mailed[0].email == "jay@example.com");
}
