#pragma once
// Opaque secrets handed to clients (refresh, reset, verification, MFA step and recovery codes):
// random, URL-safe, and stored only as their SHA-256: they carry enough entropy that a slow hash adds nothing.
#include <string>
#include <string_view>

namespace agora::user {

std::string new_opaque_token();   // 32 random bytes, base64url
std::string new_recovery_code();  // 80 random bits: 16 base32 characters as xxxx-xxxx-xxxx-xxxx
std::string normalise_recovery_code(std::string_view code);  // upper-case, dashes and spaces removed
std::string sha256_hex(std::string_view data);               // 64 lower-case hex digits
std::string random_bytes(std::size_t n);

}  // namespace agora::user
