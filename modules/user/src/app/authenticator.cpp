#include "app/authenticator.hpp"

#include "crypto/jwt_claims.hpp"

#include <agora/core/error.hpp>

#include <cctype>

namespace agora::user {
namespace {

// The claim's time in whole seconds, as tokens carry it; the epoch when it has none.
Timestamp whole_seconds(const DateClaim& claim) {
  return claim.at ? std::chrono::time_point_cast<std::chrono::seconds>(*claim.at) : Timestamp{};
}

}  // namespace

std::optional<http::Principal> TokenAuthenticator::authenticate(const http::Request& request) {
  const auto header = request.header("authorization");
  if (!header) return std::nullopt;
  constexpr std::string_view kScheme = "bearer ";
  if (header->size() <= kScheme.size() ||
      !std::equal(kScheme.begin(), kScheme.end(), header->begin(),
                  [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); }))
    throw Error(ErrorKind::unauthorized, "Authorization must be a Bearer token");
  const auto token = header->substr(kScheme.size());
  auto v = remembered(token);
  if (!v) v = verify(token);
  gate_.check(v->principal.user_id, v->issued_at);
  return std::move(v->principal);
}

TokenAuthenticator::Verified TokenAuthenticator::verify(std::string_view raw) {
  const auto token = jwt_decode(raw);
  if (!token) throw Error(ErrorKind::unauthorized, "invalid access token: not a JWT");
  const auto claims = registered_claims(token->claims);
  const bool external = external_ && claims.issuer == external_->issuer();
  // Only tokens that are valid now are remembered (nbf passed): exp alone bounds the entry.
  Verified v{external ? external_->verify(*token) : ours_.verify(*token), whole_seconds(claims.issued_at),
             whole_seconds(claims.expires)};
  remember(raw, v);
  return v;
}

std::optional<TokenAuthenticator::Verified> TokenAuthenticator::remembered(std::string_view token) {
  std::shared_lock lock(mutex_);
  const auto it = verified_.find(std::string(token));
  if (it == verified_.end() || it->second.expires <= clock_.now()) return std::nullopt;
  return it->second;
}

void TokenAuthenticator::remember(std::string_view token, const Verified& v) {
  std::unique_lock lock(mutex_);
  if (verified_.size() >= kMaxRemembered)
    std::erase_if(verified_, [&](const auto& e) { return e.second.expires <= clock_.now(); });
  if (verified_.size() >= kMaxRemembered) verified_.clear();
  verified_.insert_or_assign(std::string(token), v);
}

}  // namespace agora::user
