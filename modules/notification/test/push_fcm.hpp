#pragma once
// Push tests' parts: an RSA key pair made for the test run, the FCM emulator (test/fcm/emulator.mjs,
// installed by `npm ci` in test/fcm) that knows its public key, a service account key file naming
// the emulator's token endpoint, and an app that pushes through it with signed-in customers.
#include "harness/node_emulator.hpp"
#include "harness/shop.hpp"
#include "notification_app.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <filesystem>
#include <fstream>
#include <memory>

namespace agora::notification::test {

inline const std::string kProject = "agora-test";
inline const std::string kClientEmail = "agora-push@agora-test.iam.gserviceaccount.com";

// An RSA 2048 key pair as PEM: the private key (PKCS#8) and the public one (SPKI).
struct KeyPair {
  std::string private_pem;
  std::string public_pem;
};

inline KeyPair new_key_pair() {
  const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), &EVP_PKEY_free);
  REQUIRE(key);
  const auto pem = [&](bool is_private) {
    const std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    REQUIRE((is_private ? PEM_write_bio_PKCS8PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)
                        : PEM_write_bio_PUBKEY(bio.get(), key.get())) == 1);
    char* data = nullptr;
    const auto size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
  };
  return {pem(true), pem(false)};
}

// The service account's key pair, made once per run (RSA key generation takes a while).
inline const KeyPair& account_keys() {
  static const KeyPair keys = new_key_pair();
  return keys;
}

class FcmEmulator {
 public:
  FcmEmulator()
      : node_("fcm",
              {{"FCM_PUBLIC_KEY", account_keys().public_pem},
               {"FCM_CLIENT_EMAIL", kClientEmail},
               {"FCM_PROJECT_ID", kProject}},
              "jose") {}

  std::string url() const { return node_.url(); }
  std::string token_uri() const { return url() + "/token"; }

  // A service account key, as the Firebase console gives it, signed with `private_pem`.
  boost::json::object service_account(const std::string& private_pem = account_keys().private_pem) const {
    return {{"type", "service_account"},
            {"project_id", kProject},
            {"private_key_id", "0123456789abcdef"},
            {"private_key", private_pem},
            {"client_email", kClientEmail},
            {"client_id", "100000000000000000001"},
            {"auth_uri", "https://accounts.google.com/o/oauth2/auth"},
            {"token_uri", token_uri()}};
  }

  boost::json::value state() { return node_.get("/_emulator/state"); }
  std::int64_t exchanges() { return state().at("exchanges").as_int64(); }
  std::int64_t unauthenticated() { return state().at("unauthenticated").as_int64(); }
  boost::json::array messages() { return state().at("messages").as_array(); }
  boost::json::array grants() { return state().at("grants").as_array(); }
  boost::json::array refused() { return state().at("refused").as_array(); }

  void revoke_tokens() { node_.post("/_emulator/revoke"); }
  void tokens_expire_in(int seconds) { node_.post("/_emulator/expires_in", {{"expires_in", seconds}}); }
  // The next `n` sends answer `status` (429 RESOURCE_EXHAUSTED, 500 INTERNAL, 503 UNAVAILABLE).
  void fail_next(int n, int status) { node_.post("/_emulator/fail", {{"count", n}, {"status", status}}); }
  void unregister(const std::string& token) { node_.post("/_emulator/unregister", {{"token", token}}); }

 private:
  agora::test::NodeEmulator node_;
};

// The key written to a file of its own for the app's push.service_account, removed with it.
class KeyFile {
 public:
  explicit KeyFile(const boost::json::object& key)
      : path_(std::filesystem::temp_directory_path() / ("agora-fcm-key-" + new_id() + ".json")) {
    std::ofstream(path_) << boost::json::serialize(key);
  }
  ~KeyFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// Config for an app with customers who sign in (the key the user module seals signing keys with).
inline Overrides with_customers(Overrides o) {
  o.emplace("auth.key_encryption_secret", "dGVzdCBrZXktZW5jcnlwdGlvbiBrZXkgMzIgYnl0ZXM=");  // 32 bytes, base64
  return o;
}

// Config for an app whose push goes through the emulator, with customers who sign in.
inline Overrides push_config(const KeyFile& key, const FcmEmulator& fcm, Overrides more = {}) {
  more.emplace("notification.push.service_account", key.path());
  more.emplace("notification.push.api_base_url", fcm.url());
  more.emplace("notification.push.timeout_ms", "5000");
  return with_customers(std::move(more));
}

// A signed-in customer who chose push for order messages, with these devices registered.
inline agora::test::Account push_customer(NotificationApp& app, const std::vector<std::string>& tokens,
                                          const std::vector<std::string>& order_channels = {"push"}) {
  auto account = app.sign_up("buyer-" + new_id().substr(24) + "@example.com");
  boost::json::array channels;
  for (const auto& c : order_channels) channels.emplace_back(c);
  REQUIRE(
      app.call("PATCH", "/api/v1/users/me/preferences", {{"channels", {{"order", channels}}}}, account.token).status ==
      200);
  for (const auto& t : tokens)
    REQUIRE(app.call("POST", "/api/v1/notifications/devices", {{"token", t}, {"platform", "android"}}, account.token)
                .status == 201);
  return account;
}

// An order placed by the customer, published as the order module publishes it.
inline order::events::Placed place_for(NotificationApp& app, const agora::test::Account& customer) {
  order::events::Placed e{new_id(), "A-" + new_id().substr(24), customer.id, "buyer@example.com", "EUR", 4250};
  app.publish(e);
  return e;
}

// A device token as FCM gives one.
inline std::string device_token(const std::string& prefix = "dev") {
  return prefix + "-" + new_id() + ":APA91b" + new_id().substr(0, 8);
}

}  // namespace agora::notification::test
