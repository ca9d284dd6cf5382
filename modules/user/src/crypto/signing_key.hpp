#pragma once
// SigningKey: one ES256 or RS256 key (private, or public-only from a JWK) that signs or verifies
// JWS signatures. Copies share the immutable key, and concurrent sign/verify calls are safe.
#include <openssl/types.h>
#include <boost/json/object.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace agora::user {

class SigningKey {
 public:
  // alg is "ES256" (P-256) or "RS256" (RSA 2048); anything else throws Error{internal}.
  static SigningKey generate(std::string kid, std::string_view alg);
  // Throws Error{internal} on unreadable PEM or a key that does not fit alg.
  static SigningKey from_private_pem(std::string kid, std::string_view alg, std::string_view pem);
  // A public key (kty EC/P-256 or RSA) published by an issuer; throws Error{unauthorized} when
  // the JWK is malformed or of a kind we do not accept.
  static SigningKey from_jwk(const boost::json::object& jwk);

  // PKCS#8 PEM; throws Error{internal} on a public-only key.
  std::string private_pem() const;
  boost::json::object public_jwk() const;
  const std::string& kid() const noexcept { return kid_; }
  const std::string& alg() const noexcept { return alg_; }
  bool has_private() const noexcept { return has_private_; }

  // The raw JWS signature (R||S for ES256); throws Error{internal} on a public-only key.
  std::string sign(std::string_view data) const;
  // False on a wrong, malformed or wrong-length signature; never throws.
  bool verify(std::string_view data, std::string_view signature) const noexcept;

 private:
  SigningKey(std::string kid, std::string alg, std::shared_ptr<EVP_PKEY> key, bool has_private);

  std::string kid_;
  std::string alg_;
  std::shared_ptr<EVP_PKEY> key_;
  bool has_private_;
};

}  // namespace agora::user
