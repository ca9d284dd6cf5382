#pragma once
// Password hashing with Argon2id (libsodium), at OWASP's recommended cost by default.
#include <cstddef>
#include <string>
#include <string_view>

namespace agora::user {

struct PasswordCost {
  unsigned long long ops = 2;            // iterations (OWASP: t=2 with m=19 MiB)
  std::size_t memory = 19u * 1024 * 1024;  // bytes
};

class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordCost cost = {});
  std::string hash(std::string_view password) const;  // a self-describing $argon2id$ string
  // Constant-time in the password; false for a malformed hash.
  bool verify(std::string_view hash, std::string_view password) const;
  // Spends the time of a verification without a stored hash, so that unknown accounts answer
  // as slowly as known ones.
  void burn(std::string_view password) const;
  bool needs_rehash(std::string_view hash) const;  // stored with another cost

 private:
  PasswordCost cost_;
  std::string dummy_;
};

}  // namespace agora::user
