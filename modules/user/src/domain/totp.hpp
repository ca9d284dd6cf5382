#pragma once
// One-time passwords: HOTP (RFC 4226), TOTP (RFC 6238), base32 secrets and otpauth:// URIs for
// authenticator apps. Pure: the caller passes the time.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace agora::user {

enum class TotpAlgorithm { sha1, sha256, sha512 };

// key is the raw shared secret; digits is 6..8 (Error{internal} otherwise).
std::string hotp(std::string_view key, std::uint64_t counter, int digits = 6, TotpAlgorithm alg = TotpAlgorithm::sha1);
// unix_seconds must not be negative and step must be positive (Error{internal} otherwise).
std::string totp(std::string_view key, std::int64_t unix_seconds, int digits = 6,
                 TotpAlgorithm alg = TotpAlgorithm::sha1, int step = 30);

// Checks a 6-digit SHA-1 30-second code against the steps within `window` of unix_seconds and
// returns the matched step, so the caller can refuse a step that was already used.
std::optional<std::int64_t> totp_match(std::string_view key, std::string_view code, std::int64_t unix_seconds,
                                       int window = 1);

// RFC 4648 base32, upper-case, without padding.
std::string base32_encode(std::string_view bytes);
// Case-insensitive; trailing '=' padding is ignored; nullopt on any other character or an
// impossible length.
std::optional<std::string> base32_decode(std::string_view text);

// otpauth://totp/<issuer>:<account>?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30,
// the parameters totp_match checks.
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32);

}  // namespace agora::user
