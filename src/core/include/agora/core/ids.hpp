#pragma once
// UUIDv7 identifiers: time-ordered, so they index well and sort by creation.
#include <string>
#include <string_view>

namespace agora {

std::string new_id();                 // a fresh UUIDv7, lower-case canonical text
bool is_uuid(std::string_view text);  // canonical 8-4-4-4-12 hex form
// A secret a client presents back (a cart token): `bytes` random bytes as lower-case hex.
std::string new_secret(std::size_t bytes = 32);

}  // namespace agora
