#include "crypto/tokens.hpp"

#include "crypto/base64url.hpp"
#include "domain/totp.hpp"

#include <agora/core/error.hpp>

#include <openssl/sha.h>
#include <sodium.h>

#include <cctype>

namespace agora::user {

std::string random_bytes(std::size_t n) {
  if (sodium_init() < 0) throw Error(ErrorKind::internal, "libsodium failed to initialise");
  std::string out(n, '\0');
  randombytes_buf(out.data(), n);
  return out;
}

std::string new_opaque_token() { return base64url_encode(random_bytes(32)); }

std::string new_recovery_code() {
  const auto code = base32_encode(random_bytes(10));
  return code.substr(0, 4) + "-" + code.substr(4, 4) + "-" + code.substr(8, 4) + "-" + code.substr(12, 4);
}

std::string normalise_recovery_code(std::string_view code) {
  std::string out;
  for (unsigned char c : code)
    if (c != '-' && c != ' ') out.push_back(static_cast<char>(std::toupper(c)));
  return out;
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  std::string out(2 * SHA256_DIGEST_LENGTH + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), digest, sizeof digest);
  out.pop_back();
  return out;
}

}  // namespace agora::user
