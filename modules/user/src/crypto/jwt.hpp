#pragma once
// Compact JWS (RFC 7515) for JWTs: signing, parsing, and the signature check. Claim checks
// (exp, iss, aud) belong to the callers that know what they expect.
#include "crypto/signing_key.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace agora::user {

// header.claims.signature with header {"alg", "typ":"JWT", "kid"} taken from key.
std::string jwt_sign(const SigningKey& key, const boost::json::object& claims);

struct DecodedJwt {
  boost::json::object header;
  boost::json::object claims;
  std::string signing_input;  // the first two parts as received, joined by '.'
  std::string signature;      // decoded bytes
};

// nullopt unless there are exactly three base64url parts, header and claims are JSON objects
// and the header has a string "alg". Verifies nothing.
std::optional<DecodedJwt> jwt_decode(std::string_view token);

// True only when the header's alg is exactly key.alg() (so "none" or an HMAC alg chosen by the
// token never passes), the header names no critical extensions, and the signature verifies.
bool jwt_signature_ok(const DecodedJwt& token, const SigningKey& key);

}  // namespace agora::user
