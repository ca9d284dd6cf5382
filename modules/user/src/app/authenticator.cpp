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
  const auto token = jwt_decode(header->substr(kScheme.size()));
  if (!token) throw Error(ErrorKind::unauthorized, "invalid access token: not a JWT");
  const auto* iss = token->claims.if_contains("iss");
  if (external_ && iss && iss->is_string() && iss->get_string() == external_->issuer())
    return external_->verify(*token);
  return ours_.verify(*token);
}

}  // namespace agora::user
