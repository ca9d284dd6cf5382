#include "app/authenticator.hpp"

#include <agora/core/error.hpp>

#include <cctype>

namespace agora::user {

std::optional<http::Principal> TokenAuthenticator::authenticate(const http::Request& request) {
  const auto header = request.header("authorization");
  if (!header) return std::nullopt;
  constexpr std::string_view kScheme = "bearer ";
  if (header->size() <= kScheme.size() ||
      !std::equal(kScheme.begin(), kScheme.end(), header->begin(),
                  [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); }))
    throw Error(ErrorKind::unauthorized, "Authorization must be a Bearer token");
  const auto token = header->substr(kScheme.size());
  if (auto p = remembered(token)) return p;
  return verify(token);
}

http::Principal TokenAuthenticator::verify(std::string_view raw) {
  const auto token = jwt_decode(raw);
  if (!token) throw Error(ErrorKind::unauthorized, "invalid access token: not a JWT");
  const auto* iss = token->claims.if_contains("iss");
  const bool external = external_ && iss && iss->is_string() && iss->get_string() == external_->issuer();
  auto principal = external ? external_->verify(*token) : ours_.verify(*token);
  // Only tokens that are valid now are remembered (nbf passed): exp alone bounds the entry.
  const auto& exp = token->claims.at("exp");
  const auto expires = Timestamp(std::chrono::seconds(static_cast<long long>(exp.to_number<double>())));
  remember(raw, principal, expires);
  return principal;
}

std::optional<http::Principal> TokenAuthenticator::remembered(std::string_view token) {
  std::shared_lock lock(mutex_);
  const auto it = verified_.find(std::string(token));
  if (it == verified_.end() || it->second.expires <= clock_.now()) return std::nullopt;
  return it->second.principal;
}

void TokenAuthenticator::remember(std::string_view token, const http::Principal& p, Timestamp expires) {
  std::unique_lock lock(mutex_);
  if (verified_.size() >= kMaxRemembered) std::erase_if(verified_, [&](const auto& e) { return e.second.expires <= clock_.now(); });
  if (verified_.size() >= kMaxRemembered) verified_.clear();
  verified_.insert_or_assign(std::string(token), Verified{p, expires});
}

}  // namespace agora::user
