#pragma once
// PayPal's REST API through the outbound destination "paypal": JSON requests with a bearer token from
// OAuth2's client credentials grant (POST /v1/oauth2/token with the client id and secret as Basic
// credentials), kept until shortly before it expires, and got again once when PayPal refuses it (401:
// the request is sent once more with the new one). One client serves the gateway and the verification
// of PayPal's webhooks, so that they share one token. Neither the secret nor a token is ever logged.
#include <agora/core/outbound.hpp>

#include <chrono>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace agora::payment {

struct PaypalOptions {
  std::string base_url = "https://api-m.paypal.com";
  std::string client_id;
  std::string client_secret;                 // never logged
  std::chrono::milliseconds timeout{20000};  // a call unanswered by then is unknown, asked again later
};

class PaypalClient {
 public:
  using Headers = std::vector<std::pair<std::string, std::string>>;

  PaypalClient(PaypalOptions options, outbound::Destination& paypal);

  // POSTs the JSON `body` to base_url + path with the token and `headers`; returns PayPal's answer,
  // whatever its status. Throws when no answer came (refused, timed out, the circuit open) or no
  // token could be had.
  outbound::Response post(const std::string& path, std::string body, const Headers& headers = {});
  // GETs base_url + path with the token; as post().
  outbound::Response get(const std::string& path);

 private:
  outbound::Response send(std::string method, const std::string& path, std::string body, const Headers& headers);
  std::string token();                    // one valid a while yet: the one kept, or a new one
  void forget(const std::string& token);  // PayPal refused it: the next call gets another
  std::string fetch_token();              // with mutex_ held

  const PaypalOptions options_;
  outbound::Destination& paypal_;
  std::mutex mutex_;  // held while a token is fetched: the calls waiting for one share it
  std::string token_;
  std::chrono::steady_clock::time_point renew_at_;
};

}  // namespace agora::payment
