#pragma once
// A real agora server with the user module on a fresh database, a manual clock, and an HTTP
// client; helpers for the steps most tests repeat.
#include "crypto/jwt.hpp"
#include "harness/harness.hpp"
#include "harness/http_client.hpp"
#include "harness/problems.hpp"
#include "harness/test_app.hpp"

#include <agora/core/app.hpp>
#include <agora/core/db.hpp>
#include <agora/core/prepared.hpp>
#include <agora/user/events.hpp>
#include <agora/user/module.hpp>
#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <map>
#include <string>

namespace agora::user::test {

using agora::test::HttpClient;
using agora::test::HttpResult;

inline const std::string kPassword = "correct horse battery staple";
// The key-encryption key the tests seal signing keys with, as production does (32 bytes, base64).
inline const std::string kKeyEncryptionKey = "dGVzdCBrZXktZW5jcnlwdGlvbiBrZXkgMzIgYnl0ZXM=";

inline std::map<std::string, std::string> with_kek(std::map<std::string, std::string> overrides) {
  overrides.try_emplace("auth.key_encryption_secret", kKeyEncryptionKey);
  return overrides;
}

struct UserApp : agora::test::TestApp {
  explicit UserApp(std::map<std::string, std::string> overrides = {})
      : TestApp(agora::test::test_config(with_kek(std::move(overrides))), {make_module}) {}
  // Another instance on the database of `config` (from another UserApp's test_config).
  explicit UserApp(Config config) : TestApp(std::move(config), {make_module}) {}

  HttpResult register_user(const std::string& email, const std::string& password = kPassword) {
    return call("POST", "/api/v1/auth/register", {{"email", email}, {"password", password}, {"name", "Test User"}});
  }
  HttpResult login(const std::string& email, const std::string& password = kPassword) {
    return call("POST", "/api/v1/auth/token", {{"grant_type", "password"}, {"email", email}, {"password", password}});
  }
  // Registers and logs in; returns the token response.
  boost::json::object signed_up(const std::string& email) {
    REQUIRE(register_user(email).status == 201);
    const auto r = login(email);
    REQUIRE(r.status == 200);
    return r.json().as_object();
  }
  std::string access_token(const std::string& email) {
    return std::string(signed_up(email).at("access_token").as_string());
  }
  // Makes the account an administrator the way an operator does (agora users create-admin).
  std::string admin_token(const std::string& email) {
    REQUIRE(register_user(email).status == 201);
    db().transact([&](Tx& tx) {
      prepared::run(tx.sql(), "UPDATE \"user\".accounts SET roles = '{customer,admin}' WHERE email = $1", {email});
    });
    return std::string(login(email).json().at("access_token").as_string());
  }

  // The newest event of type E published about a user.
  template <TypedEvent E>
  E last_event(const std::string& user_id) {
    const auto events = published<E>(user_id);
    REQUIRE(!events.empty());
    return events.back();
  }
};

inline std::string id_of(const HttpResult& r) { return std::string(r.json().at("id").as_string()); }

using agora::test::bad_fields;
using agora::test::problem;

}  // namespace agora::user::test
