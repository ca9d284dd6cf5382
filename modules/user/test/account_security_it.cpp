// Email verification, password reset and change, login throttling, TOTP step-up and recovery codes.
#include "domain/totp.hpp"
#include "harness/eventually.hpp"
#include "user_app.hpp"

using namespace agora;
using namespace agora::user;
using namespace agora::user::test;
using namespace std::chrono_literals;

namespace {

std::string current_code(UserApp& u, const std::string& secret) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(u.clock.now().time_since_epoch()).count();
  return totp(*base32_decode(secret), now);
}

// Asks for a reset link and returns the token the background job then mails.
std::string mailed_reset_token(UserApp& u, const std::string& email, const std::string& user_id) {
  const auto sent = [&] { return u.published_count<events::PasswordResetRequested>(user_id); };
  const auto before = sent();
  REQUIRE(u.call("POST", "/api/v1/auth/password/forgot", {{"email", email}}).status == 202);
  REQUIRE(agora::test::eventually([&] { return sent() > before; }));
  return u.last_event<events::PasswordResetRequested>(user_id).reset_token;
}

}  // namespace

TEST_CASE("the token mailed on registration verifies the email once") {
  UserApp u;
  const auto id = id_of(u.register_user("ida@example.com"));
  const auto event = u.last_event<events::Registered>(id);
  REQUIRE(event.email == "ida@example.com");
  REQUIRE(event.verification_token);
  const auto token = *event.verification_token;
  REQUIRE(u.call("POST", "/api/v1/auth/verify-email", {{"token", token}}).status == 200);
  const auto access = std::string(u.login("ida@example.com").json().at("access_token").as_string());
  REQUIRE(u.call("GET", "/api/v1/users/me", nullptr, access).json().at("email_verified") == true);
  REQUIRE(u.last_event<events::EmailVerified>(id).user_id == id);
  const auto again = u.call("POST", "/api/v1/auth/verify-email", {{"token", token}});
  REQUIRE(again.status == 422);
  REQUIRE(bad_fields(again) == std::vector<std::string>{"token"});
}

TEST_CASE("a password reset token works once, before it expires, and ends every session") {
  UserApp u(std::map<std::string, std::string>{{"auth.reset_dispatch_ms", "20"}});
  const auto session = u.signed_up("jo@example.com");
  const auto id =
      std::string(jwt_decode(std::string(session.at("access_token").as_string()))->claims.at("sub").as_string());
  REQUIRE(u.call("POST", "/api/v1/auth/password/forgot", {{"email", "nobody@example.com"}}).status == 202);
  const auto token = mailed_reset_token(u, "jo@example.com", id);
  const std::string next = "a brand new long passphrase";
  REQUIRE(u.call("POST", "/api/v1/auth/password/reset", {{"token", token}, {"new_password", "short"}}).status == 422);
  REQUIRE(u.call("POST", "/api/v1/auth/password/reset", {{"token", token}, {"new_password", next}}).status == 204);
  REQUIRE(u.call("POST", "/api/v1/auth/password/reset", {{"token", token}, {"new_password", next}}).status == 422);
  REQUIRE(u.login("jo@example.com").status == 401);
  REQUIRE(u.login("jo@example.com", next).status == 200);
  REQUIRE(u.call("POST", "/api/v1/auth/token",
                 {{"grant_type", "refresh_token"}, {"refresh_token", session.at("refresh_token")}})
              .status == 401);

  const auto late = mailed_reset_token(u, "jo@example.com", id);
  u.clock.advance(61min);
  REQUIRE(u.call("POST", "/api/v1/auth/password/reset", {{"token", late}, {"new_password", next + "!"}}).status == 422);
}

TEST_CASE("changing the password needs the current one") {
  UserApp u;
  const auto token = u.access_token("kim@example.com");
  const std::string next = "another very long passphrase";
  const auto wrong = u.call("POST", "/api/v1/users/me/password",
                            {{"current_password", "not my password!"}, {"new_password", next}}, token);
  REQUIRE(wrong.status == 422);
  REQUIRE(bad_fields(wrong) == std::vector<std::string>{"current_password"});
  REQUIRE(u.call("POST", "/api/v1/users/me/password", {{"current_password", kPassword}, {"new_password", next}}, token)
              .status == 204);
  REQUIRE(u.login("kim@example.com", next).status == 200);
}

TEST_CASE("repeated bad passwords delay the address they come from with 429 and Retry-After, whatever it sends next") {
  UserApp u;
  REQUIRE(u.register_user("lou@example.com").status == 201);
  for (int i = 0; i < 4; ++i) REQUIRE(u.login("lou@example.com", "wrong password " + std::to_string(i)).status == 401);
  REQUIRE(u.login("lou@example.com").status == 200);  // four failures: no delay yet, and success clears them

  for (int i = 0; i < 5; ++i) REQUIRE(u.login("lou@example.com", "wrong password!!").status == 401);
  const auto right = u.login("lou@example.com");  // the fifth failure delayed this address for 1 s
  const auto wrong = u.login("lou@example.com", "wrong password!!");
  REQUIRE(right.status == 429);
  REQUIRE(right.headers.at("retry-after") == "1");
  REQUIRE(right.body == wrong.body);  // the right password is not told apart

  u.clock.advance(1100ms);
  REQUIRE(u.login("lou@example.com", "wrong password!!").status == 401);  // sixth failure: 2 s this time
  u.clock.advance(1500ms);
  const auto early = u.login("lou@example.com");
  REQUIRE(early.status == 429);
  REQUIRE(early.headers.at("retry-after") == "1");
  u.clock.advance(600ms);
  REQUIRE(u.login("lou@example.com").status == 200);
}

TEST_CASE("delays end: they never grow past the configured maximum") {
  UserApp u(std::map<std::string, std::string>{{"auth.throttle_max_delay_s", "60"}});
  REQUIRE(u.register_user("max@example.com").status == 201);
  for (int i = 0; i < 30; ++i) {
    u.login("max@example.com", "wrong password!!");
    u.clock.advance(61s);
  }
  REQUIRE(u.login("max@example.com").status == 200);
}

TEST_CASE("TOTP: enrol, confirm, log in with the second factor, and a recovery code works once") {
  UserApp u;
  const auto token = u.access_token("mia@example.com");
  const auto setup = u.call("POST", "/api/v1/users/me/mfa/totp", nullptr, token);
  REQUIRE(setup.status == 201);
  const std::string secret(setup.json().at("secret").as_string());
  REQUIRE(std::string(setup.json().at("otpauth_uri").as_string())
              .starts_with("otpauth://totp/Agora:mia%40example.com?secret=" + secret));
  REQUIRE(u.call("POST", "/api/v1/users/me/mfa/totp/confirm", {{"code", "000000"}}, token).status == 422);
  const auto confirmed =
      u.call("POST", "/api/v1/users/me/mfa/totp/confirm", {{"code", current_code(u, secret)}}, token);
  REQUIRE(confirmed.status == 200);
  const auto codes = confirmed.json().at("recovery_codes").as_array();
  REQUIRE(codes.size() == 10);
  REQUIRE(u.published_count<events::MfaEnabled>() == 1);

  u.clock.advance(31s);  // the enrolment code's time step is spent
  const auto step_up = u.login("mia@example.com");
  REQUIRE(step_up.status == 401);
  REQUIRE(problem(step_up).at("type") == "https://agora.dev/problems/mfa-required");
  const auto mfa_token = step_up.json().at("mfa_token");
  const auto mfa = [&](const boost::json::value& t, const std::string& code) {
    return u.call("POST", "/api/v1/auth/token", {{"grant_type", "mfa"}, {"mfa_token", t}, {"code", code}});
  };
  REQUIRE(mfa(mfa_token, "123456").status == 401);
  const auto code = current_code(u, secret);
  REQUIRE(mfa(mfa_token, code).status == 200);
  REQUIRE(mfa(mfa_token, code).status == 401);  // the step token is spent

  const auto again = u.login("mia@example.com").json().at("mfa_token");
  REQUIRE(mfa(again, code).status == 401);  // the same TOTP code does not log in twice
  const std::string recovery(codes[0].as_string());
  REQUIRE(mfa(again, recovery).status == 200);
  const auto third = u.login("mia@example.com").json().at("mfa_token");
  REQUIRE(mfa(third, recovery).status == 401);  // single use

  REQUIRE(u.call("POST", "/api/v1/users/me/mfa/disable", {{"code", std::string(codes[1].as_string())}}, token).status ==
          204);
  REQUIRE(u.login("mia@example.com").status == 200);
}
