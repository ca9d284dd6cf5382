#pragma once
// SHA-256 as lower-case hex: checksums of migrations, fingerprints of requests; HMAC-SHA256 for
// tokens a server recomputes instead of storing, and signatures of webhooks.
#include <string>
#include <string_view>

namespace agora {

std::string sha256_hex(std::string_view data);
std::string hmac_sha256_hex(std::string_view key, std::string_view data);
// Compares two strings in time that depends on their lengths only (secrets, signatures).
bool equal_in_constant_time(std::string_view a, std::string_view b) noexcept;

}  // namespace agora
