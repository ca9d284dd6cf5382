#include "gateways/paypal_client.hpp"

#include "gateways/basic_credentials.hpp"
#include "gateways/json_reading.hpp"

#include <agora/core/error.hpp>
#include <agora/core/log.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>

namespace agora::payment {
namespace {

using namespace json_reading;
using Clock = std::chrono::steady_clock;

// A token is renewed this long before PayPal says it expires (at most half its life), so that no
// call starts with one that lapses on its way.
constexpr std::chrono::seconds kRenewAhead{300};

}  // namespace

PaypalClient::PaypalClient(PaypalOptions options, outbound::Destination& paypal)
    : options_(std::move(options)), paypal_(paypal) {}

outbound::Response PaypalClient::post(const std::string& path, std::string body, const Headers& headers) {
  return send("POST", path, std::move(body), headers);
}

outbound::Response PaypalClient::get(const std::string& path) { return send("GET", path, "", {}); }

outbound::Response PaypalClient::send(std::string method, const std::string& path, std::string body,
                                      const Headers& headers) {
  const auto attempt = [&](const std::string& token) {
    outbound::Request request{.method = method,
                              .url = options_.base_url + path,
                              .headers = {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}},
                              .body = body,
                              .timeout = options_.timeout};
    request.headers.insert(request.headers.end(), headers.begin(), headers.end());
    return paypal_.send(request);
  };
  const auto used = token();
  auto response = attempt(used);
  if (response.status != 401) return response;
  // Expired or revoked before we thought: PayPal did nothing with the request.
  forget(used);
  return attempt(token());
}

std::string PaypalClient::token() {
  std::lock_guard lock(mutex_);
  if (token_.empty() || Clock::now() >= renew_at_) token_ = fetch_token();
  return token_;
}

void PaypalClient::forget(const std::string& token) {
  std::lock_guard lock(mutex_);
  if (token_ == token) token_.clear();  // unless another call got a new one meanwhile
}

std::string PaypalClient::fetch_token() {
  const auto response =
      paypal_.send({.method = "POST",
                    .url = options_.base_url + "/v1/oauth2/token",
                    .headers = {{"Authorization", basic_credentials(options_.client_id, options_.client_secret)},
                                {"Content-Type", "application/x-www-form-urlencoded"}},
                    .body = "grant_type=client_credentials",
                    .timeout = options_.timeout});
  boost::system::error_code error;
  const auto json = boost::json::parse(response.body, error);
  const auto* answer = error ? nullptr : &json;
  const auto token = text(at(answer, "access_token"));
  if (response.status != 200 || token.empty()) {
    const auto why = first_of(text(at(answer, "error")), "HTTP " + std::to_string(response.status));
    // Wrong credentials need a person; PayPal's outage does not, and is a failed call like any other.
    if (response.status == 401 || response.status == 403)
      log::error("payment: PayPal refused our client credentials",
                 {{"status", response.status}, {"error", why}, {"client_id", options_.client_id}});
    throw Error(ErrorKind::unavailable, "PayPal gave no access token: " + why);
  }
  const auto lifetime = std::chrono::seconds(std::max<std::int64_t>(integer(at(answer, "expires_in")), 0));
  renew_at_ = Clock::now() + lifetime - std::min<std::chrono::seconds>(kRenewAhead, lifetime / 2);
  return token;
}

}  // namespace agora::payment
