#pragma once
// base64url (RFC 4648 §5) without padding, as JOSE uses it for every token part and JWK field.
#include <optional>
#include <string>
#include <string_view>

namespace agora::user {

std::string base64url_encode(std::string_view bytes);

// nullopt on a character outside the url alphabet (including '='), an impossible length, or
// non-zero unused bits, so every byte string has exactly one accepted encoding.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace agora::user
