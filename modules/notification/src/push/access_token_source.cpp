#include "push/access_token_source.hpp"

#include <agora/core/config.hpp>
#include <agora/core/error.hpp>
#include <agora/core/log.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <algorithm>

namespace agora::notification {
namespace {

// How long an assertion is valid: Google takes an hour at most.
constexpr std::chrono::seconds kAssertionLifetime{3600};
// A token is renewed this long before it expires (at most half its life), so that no send starts
// with one that lapses on its way.
constexpr std::chrono::seconds kRenewAhead{300};

Rs256Signer signer_of(const ServiceAccount& account) {
  try {
    return Rs256Signer(account.private_key);
  } catch (const std::exception& e) {
    throw ConfigError(std::string("notification.push.service_account: ") + e.what());
  }
}

std::string form_value(std::string_view text) { return boost::urls::encode(text, boost::urls::unreserved_chars); }

std::string text_of(const boost::json::value* v) {
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace

AccessTokenSource::AccessTokenSource(ServiceAccount account, outbound::Destination& oauth, const Clock& clock,
                                     std::chrono::milliseconds timeout)
    : account_(std::move(account)), signer_(signer_of(account_)), oauth_(oauth), clock_(clock), timeout_(timeout) {}

std::string AccessTokenSource::assertion(Timestamp now) const {
  boost::json::object header{{"alg", "RS256"}, {"typ", "JWT"}};
  if (!account_.private_key_id.empty()) header["kid"] = account_.private_key_id;
  const auto iat = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const boost::json::object claims{{"iss", account_.client_email},
                                   {"scope", kFcmScope},
                                   {"aud", account_.token_uri},
                                   {"iat", iat},
                                   {"exp", iat + kAssertionLifetime.count()}};
  auto jwt = base64url(boost::json::serialize(header)) + "." + base64url(boost::json::serialize(claims));
  jwt += "." + base64url(signer_.sign(jwt));
  return jwt;
}

std::string AccessTokenSource::token() {
  std::lock_guard lock(mutex_);
  if (token_.empty() || clock_.now() >= renew_at_) token_ = exchange();
  return token_;
}

void AccessTokenSource::forget(const std::string& token) {
  std::lock_guard lock(mutex_);
  if (token_ == token) token_.clear();
}

std::string AccessTokenSource::exchange() {
  token_.clear();
  const auto now = clock_.now();
  const auto response = oauth_.send({.method = "POST",
                                     .url = account_.token_uri,
                                     .headers = {{"Content-Type", "application/x-www-form-urlencoded"}},
                                     .body = "grant_type=" + form_value("urn:ietf:params:oauth:grant-type:jwt-bearer") +
                                             "&assertion=" + form_value(assertion(now)),
                                     .timeout = timeout_});
  boost::system::error_code error;
  const auto json = boost::json::parse(response.body, error);
  const auto* answer = !error && json.is_object() ? &json.get_object() : nullptr;
  const auto token = text_of(answer ? answer->if_contains("access_token") : nullptr);
  if (response.status != 200 || token.empty()) {
    auto why = text_of(answer ? answer->if_contains("error") : nullptr);
    if (const auto d = text_of(answer ? answer->if_contains("error_description") : nullptr); !d.empty())
      why += (why.empty() ? "" : ": ") + d;
    if (why.empty()) why = "HTTP " + std::to_string(response.status);
    // A refused grant (a revoked key, a clock far off) needs a person; an outage does not.
    if (response.status >= 400 && response.status < 500)
      log::error("notification: Google refused the service account's grant",
                 {{"status", response.status}, {"error", why}, {"client_email", account_.client_email}});
    throw Error(ErrorKind::unavailable, "no access token for FCM: " + why);
  }
  const auto* expires_in = answer->if_contains("expires_in");
  const auto lifetime = std::chrono::seconds(
      expires_in && expires_in->is_int64() ? std::max<std::int64_t>(expires_in->as_int64(), 0) : 0);
  renew_at_ = now + lifetime - std::min<std::chrono::seconds>(kRenewAhead, lifetime / 2);
  return token;
}

}  // namespace agora::notification
