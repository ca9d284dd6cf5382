#include "domain/claims.hpp"

#include <agora/core/error.hpp>

#include <algorithm>

namespace agora::user {
namespace {

[[noreturn]] void reject(const std::string& why) {
  throw Error(ErrorKind::unauthorized, "invalid access token: " + why);
}

// The claim's time; nullopt when absent.
std::optional<Timestamp> date(const DateClaim& claim, std::string_view name) {
  if (!claim.present) return std::nullopt;
  if (!claim.at) reject(std::string(name) + " is not a number");
  return claim.at;
}

}  // namespace

void check_claims(const Claims& claims, const ClaimRules& rules, Timestamp now) {
  if (claims.issuer != rules.issuer) reject("wrong issuer");
  if (!rules.audience.empty() &&
      std::find(claims.audience.begin(), claims.audience.end(), rules.audience) == claims.audience.end())
    reject("wrong audience");
  const auto exp = date(claims.expires, "exp");
  if (!exp) reject("no expiry");
  if (*exp + rules.leeway <= now) reject("expired");
  if (const auto nbf = date(claims.not_before, "nbf"); nbf && *nbf - rules.leeway > now) reject("not yet valid");
  if (const auto iat = date(claims.issued_at, "iat"); iat && *iat - rules.leeway > now) reject("issued in the future");
  if (claims.subject.empty()) reject("no subject");
}

}  // namespace agora::user
