#include "crypto/jwt.hpp"

#include "crypto/base64url.hpp"

#include <boost/json.hpp>

namespace agora::user {
namespace {

std::optional<boost::json::object> decode_object(std::string_view part) {
  const auto text = base64url_decode(part);
  if (!text) return std::nullopt;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(*text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.get_object());
}

}  // namespace

std::string jwt_sign(const SigningKey& key, const boost::json::object& claims) {
  const boost::json::object header{{"alg", key.alg()}, {"typ", "JWT"}, {"kid", key.kid()}};
  std::string token = base64url_encode(boost::json::serialize(header));
  token += '.';
  token += base64url_encode(boost::json::serialize(claims));
  const std::string signature = key.sign(token);
  token += '.';
  token += base64url_encode(signature);
  return token;
}

std::optional<DecodedJwt> jwt_decode(std::string_view token) {
  const auto first = token.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  const auto second = token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) return std::nullopt;

  auto header = decode_object(token.substr(0, first));
  if (!header) return std::nullopt;
  const boost::json::value* alg = header->if_contains("alg");
  if (!alg || !alg->is_string()) return std::nullopt;
  auto claims = decode_object(token.substr(first + 1, second - first - 1));
  auto signature = base64url_decode(token.substr(second + 1));
  if (!claims || !signature) return std::nullopt;
  return DecodedJwt{std::move(*header), std::move(*claims), std::string(token.substr(0, second)),
                    std::move(*signature)};
}

bool jwt_signature_ok(const DecodedJwt& token, const SigningKey& key) {
  const boost::json::value* alg = token.header.if_contains("alg");
  // RFC 7515 §4.1.11: a recipient that understands no extensions must reject any "crit".
  if (!alg || !alg->is_string() || alg->get_string() != key.alg() || token.header.contains("crit")) return false;
  return key.verify(token.signing_input, token.signature);
}

}  // namespace agora::user
