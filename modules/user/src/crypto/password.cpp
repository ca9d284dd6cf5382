#include "crypto/password.hpp"

#include <agora/core/error.hpp>

#include <sodium.h>

namespace agora::user {

PasswordHasher::PasswordHasher(PasswordCost cost) : cost_(cost) {
  if (sodium_init() < 0) throw Error(ErrorKind::internal, "libsodium failed to initialise");
  dummy_ = hash("agora-dummy-password-for-timing");
}

std::string PasswordHasher::hash(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost_.ops, cost_.memory,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw Error(ErrorKind::unavailable, "password hashing ran out of memory");
  return out;
}

bool PasswordHasher::verify(std::string_view hash, std::string_view password) const {
  const std::string h(hash);  // must be NUL-terminated
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::burn(std::string_view password) const { (void)verify(dummy_, password); }

bool PasswordHasher::needs_rehash(std::string_view hash) const {
  const std::string h(hash);
  return crypto_pwhash_str_needs_rehash(h.c_str(), cost_.ops, cost_.memory) != 0;
}

}  // namespace agora::user
