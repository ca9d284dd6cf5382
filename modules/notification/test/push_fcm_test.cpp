// The parts of push that need no server: FCM's answers sorted as its documentation sorts errors, the
// provider id of a message several devices took, the service account key read, and the JWT the
// token exchange sends, verified with the key pair's public key.
#include "push_fcm.hpp"
#include "push/access_token_source.hpp"
#include "push/fcm_client.hpp"
#include "push/push_channel.hpp"
#include "push/service_account.hpp"

#include <agora/core/config.hpp>
#include <agora/core/metrics.hpp>
#include <boost/json/parse.hpp>

using namespace agora;
using namespace agora::notification;
using namespace agora::notification::test;
using Kind = FcmResult::Kind;

namespace {

std::string google_error(int code, const std::string& status, const std::string& error_code = "",
                         const std::string& field = "") {
  boost::json::array details;
  if (!error_code.empty())
    details.push_back({{"@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError"}, {"errorCode", error_code}});
  if (!field.empty())
    details.push_back({{"@type", "type.googleapis.com/google.rpc.BadRequest"},
                       {"fieldViolations", {{{"field", field}, {"description", "bad"}}}}});
  return boost::json::serialize(boost::json::object{
      {"error", {{"code", code}, {"message", "the message"}, {"status", status}, {"details", details}}}});
}

std::string base64url_decoded(std::string text) {
  for (auto& c : text) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (text.size() % 4) text += '=';
  std::string out(text.size(), '\0');
  const auto n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                 reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  REQUIRE(n >= 0);
  out.resize(static_cast<std::size_t>(n) - (text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0));
  return out;
}

bool verifies(const std::string& public_pem, const std::string& data, const std::string& signature) {
  const std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(public_pem.data(), -1), &BIO_free);
  const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  REQUIRE(EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1);
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                          reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
}

boost::json::object key_json(const std::string& token_uri = "https://oauth2.googleapis.com/token") {
  return {{"type", "service_account"},    {"project_id", kProject},
          {"private_key_id", "kid-1"},    {"private_key", account_keys().private_pem},
          {"client_email", kClientEmail}, {"token_uri", token_uri}};
}

}  // namespace

TEST_CASE("FCM's answers are sorted as its documentation sorts its errors", "[push]") {
  CHECK(fcm_result(200, R"({"name": "projects/p/messages/0:1"})").kind == Kind::accepted);
  CHECK(fcm_result(200, R"({"name": "projects/p/messages/0:1"})").detail == "projects/p/messages/0:1");
  CHECK(fcm_result(404, google_error(404, "NOT_FOUND", "UNREGISTERED")).kind == Kind::token_gone);
  CHECK(fcm_result(400, google_error(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", "message.token")).kind ==
        Kind::token_gone);
  // An invalid message is not the token's fault: the token stays.
  CHECK(fcm_result(400, google_error(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", "message.data")).kind ==
        Kind::permanent);
  CHECK(fcm_result(403, google_error(403, "PERMISSION_DENIED", "SENDER_ID_MISMATCH")).kind == Kind::permanent);
  // A 404 without FCM's word on the token (a wrong base URL, another project) removes nothing.
  CHECK(fcm_result(404, "<html>Not Found</html>").kind == Kind::permanent);
  CHECK(fcm_result(404, google_error(404, "NOT_FOUND")).kind == Kind::permanent);
  CHECK(fcm_result(401, google_error(401, "UNAUTHENTICATED")).kind == Kind::temporary);
  CHECK(fcm_result(429, google_error(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED")).kind == Kind::temporary);
  CHECK(fcm_result(500, google_error(500, "INTERNAL", "INTERNAL")).kind == Kind::temporary);
  CHECK(fcm_result(503, "").kind == Kind::temporary);
  const auto unregistered = fcm_result(404, google_error(404, "NOT_FOUND", "UNREGISTERED"));
  CHECK(unregistered.detail == "404 NOT_FOUND UNREGISTERED: the message");
}

TEST_CASE("a message several devices took keeps the first FCM name whole and the other ids, up to five", "[push]") {
  CHECK(provider_id_of({"projects/p/messages/1"}) == "projects/p/messages/1");
  CHECK(provider_id_of({"projects/p/messages/1", "projects/p/messages/2"}) == "projects/p/messages/1,2");
  std::vector<std::string> seven;
  for (int i = 1; i <= 7; ++i) seven.push_back("projects/p/messages/" + std::to_string(i));
  CHECK(provider_id_of(seven) == "projects/p/messages/1,2,3,4,5 (+2 more)");
}

TEST_CASE("a service account key is read from its JSON or from its file, and a bad one is refused by name", "[push]") {
  const auto json = boost::json::serialize(key_json());
  const auto a = read_service_account(json);
  CHECK(a.project_id == kProject);
  CHECK(a.client_email == kClientEmail);
  CHECK(a.token_uri == "https://oauth2.googleapis.com/token");
  CHECK(a.private_key_id == "kid-1");
  KeyFile file(key_json());
  CHECK(read_service_account(file.path()).client_email == kClientEmail);

  auto no_email = key_json();
  no_email.erase("client_email");
  CHECK_THROWS_WITH(read_service_account(boost::json::serialize(no_email)), Catch::Contains("client_email"));
  auto user_key = key_json();
  user_key["type"] = "authorized_user";
  CHECK_THROWS_WITH(read_service_account(boost::json::serialize(user_key)), Catch::Contains("service_account"));
  CHECK_THROWS_WITH(read_service_account("/no/such/key.json"), Catch::Contains("cannot read"));
  auto not_pem = key_json();
  not_pem["private_key"] = "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n";
  Metrics metrics;
  outbound::Destination oauth("google_oauth", {}, Clock::system(), metrics);
  CHECK_THROWS_AS(AccessTokenSource(read_service_account(boost::json::serialize(not_pem)), oauth, Clock::system(),
                                    std::chrono::seconds(1)),
                  ConfigError);
}

TEST_CASE("the grant's JWT is signed RS256 with the account's key and asserts it for FCM's scope, for an hour",
          "[push]") {
  Metrics metrics;
  outbound::Destination oauth("google_oauth", {}, Clock::system(), metrics);
  const AccessTokenSource source(read_service_account(boost::json::serialize(key_json())), oauth, Clock::system(),
                                 std::chrono::seconds(1));
  const auto at = std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));
  const auto jwt = source.assertion(at);
  const auto first = jwt.find('.');
  const auto second = jwt.find('.', first + 1);
  REQUIRE(second != std::string::npos);
  const auto header = boost::json::parse(base64url_decoded(jwt.substr(0, first)));
  const auto claims = boost::json::parse(base64url_decoded(jwt.substr(first + 1, second - first - 1)));
  CHECK(header.at("alg").as_string() == "RS256");
  CHECK(header.at("typ").as_string() == "JWT");
  CHECK(header.at("kid").as_string() == "kid-1");
  CHECK(claims.at("iss").as_string() == kClientEmail);
  CHECK(claims.at("scope").as_string() == "https://www.googleapis.com/auth/firebase.messaging");
  CHECK(claims.at("aud").as_string() == "https://oauth2.googleapis.com/token");
  CHECK(claims.at("iat").as_int64() == 1'800'000'000);
  CHECK(claims.at("exp").as_int64() == 1'800'003'600);
  const auto signature = base64url_decoded(jwt.substr(second + 1));
  CHECK(signature.size() == 256);
  CHECK(verifies(account_keys().public_pem, jwt.substr(0, second), signature));
  CHECK_FALSE(verifies(account_keys().public_pem, jwt.substr(0, second) + "x", signature));
  CHECK_FALSE(verifies(new_key_pair().public_pem, jwt.substr(0, second), signature));
}
