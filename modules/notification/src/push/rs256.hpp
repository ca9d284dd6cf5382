#pragma once
// RS256 (RSASSA-PKCS1-v1_5 with SHA-256) signatures with an RSA private key, and base64url: what a
// JWT needs (RFC 7515, 7518).
#include <memory>
#include <string>
#include <string_view>

struct evp_pkey_st;

namespace agora::notification {

// base64url (RFC 4648 §5) without padding.
std::string base64url(std::string_view bytes);

class Rs256Signer {
 public:
  // `pem`: an RSA private key (PKCS#8 or PKCS#1). Throws std::runtime_error when it is none.
  explicit Rs256Signer(const std::string& pem);
  // The raw signature of `data` (as many bytes as the modulus); throws std::runtime_error on failure.
  std::string sign(std::string_view data) const;

 private:
  std::shared_ptr<evp_pkey_st> key_;
};

}  // namespace agora::notification
