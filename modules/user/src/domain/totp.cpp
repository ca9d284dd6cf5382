#include "domain/totp.hpp"

#include <agora/core/error.hpp>

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <climits>

namespace agora::user {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
// What totp_match checks and otpauth_uri advertises.
constexpr int kDigits = 6;
constexpr int kStep = 30;

const EVP_MD* digest(TotpAlgorithm alg) {
  switch (alg) {
    case TotpAlgorithm::sha1:
      return EVP_sha1();
    case TotpAlgorithm::sha256:
      return EVP_sha256();
    case TotpAlgorithm::sha512:
      return EVP_sha512();
  }
  throw Error(ErrorKind::internal, "unknown TOTP algorithm");
}

int base32_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

std::string percent_encode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '.' || c == '_' || c == '~';
    if (unreserved)
      out.push_back(static_cast<char>(c));
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

}  // namespace

std::string hotp(std::string_view key, std::uint64_t counter, int digits, TotpAlgorithm alg) {
  if (digits < 6 || digits > 8) throw Error(ErrorKind::internal, "one-time passwords have 6 to 8 digits");
  if (key.empty() || key.size() > INT_MAX)
    throw Error(ErrorKind::internal, "one-time password secret is empty or too long");
  std::array<unsigned char, 8> message{};
  for (std::size_t i = 0; i < message.size(); ++i)
    message[message.size() - 1 - i] = static_cast<unsigned char>(counter >> (8 * i));
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_size = 0;
  if (!HMAC(digest(alg), key.data(), static_cast<int>(key.size()), message.data(), message.size(), mac.data(),
            &mac_size))
    throw Error(ErrorKind::internal, "HMAC failed");
  // RFC 4226 §5.3 dynamic truncation.
  const unsigned offset = mac[mac_size - 1] & 0x0F;
  const std::uint32_t binary = (std::uint32_t{mac[offset]} & 0x7F) << 24 | std::uint32_t{mac[offset + 1]} << 16 |
                               std::uint32_t{mac[offset + 2]} << 8 | std::uint32_t{mac[offset + 3]};
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  return fmt::format("{:0{}}", binary % modulus, digits);
}

std::string totp(std::string_view key, std::int64_t unix_seconds, int digits, TotpAlgorithm alg, int step) {
  if (step <= 0) throw Error(ErrorKind::internal, "the TOTP step must be positive");
  if (unix_seconds < 0) throw Error(ErrorKind::internal, "TOTP is undefined before 1970");
  return hotp(key, static_cast<std::uint64_t>(unix_seconds / step), digits, alg);
}

std::optional<std::int64_t> totp_match(std::string_view key, std::string_view code, std::int64_t unix_seconds,
                                       int window) {
  if (window < 0) throw Error(ErrorKind::internal, "the TOTP window must not be negative");
  if (code.size() != kDigits || code.find_first_not_of("0123456789") != std::string_view::npos || unix_seconds < 0)
    return std::nullopt;
  const std::int64_t now = unix_seconds / kStep;
  std::optional<std::int64_t> matched;
  // Every step is checked, and the latest match wins so a stored "last used step" never goes back.
  for (std::int64_t step = now - window; step <= now + window; ++step) {
    if (step < 0) continue;
    const std::string expected = hotp(key, static_cast<std::uint64_t>(step), kDigits);
    if (CRYPTO_memcmp(expected.data(), code.data(), code.size()) == 0) matched = step;
  }
  return matched;
}

std::string base32_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push_back(kBase32Alphabet[(buffer >> bits) & 0x1F]);
    }
  }
  if (bits > 0) out.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 0x1F]);
  return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  // A final group of 1, 3 or 6 characters cannot come from whole bytes.
  const std::size_t tail = text.size() % 8;
  if (tail == 1 || tail == 3 || tail == 6) return std::nullopt;
  std::string out;
  out.reserve(text.size() * 5 / 8);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    const int value = base32_value(c);
    if (value < 0) return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(value);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32) {
  const std::string encoded_issuer = percent_encode(issuer);
  return fmt::format("otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits={}&period={}", encoded_issuer,
                     percent_encode(account), percent_encode(secret_base32), encoded_issuer, kDigits, kStep);
}

}  // namespace agora::user
