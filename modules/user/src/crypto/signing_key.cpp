#include "crypto/signing_key.hpp"

#include "crypto/base64url.hpp"

#include <agora/core/error.hpp>

#include <fmt/format.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <boost/json.hpp>

#include <climits>
#include <optional>

namespace agora::user {
namespace {

enum class Alg { es256, rs256 };

constexpr std::size_t kEcCoordinateSize = 32;  // P-256 field elements and ECDSA R, S
constexpr int kRsaBits = 2048;

template <auto Free>
struct Deleter {
  template <class T>
  void operator()(T* p) const noexcept {
    Free(p);
  }
};
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO_free>>;
using Bignum = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using ParamBuilder = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM_free>>;
using EcdsaSig = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG_free>>;

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
unsigned char* bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

// OpenSSL keeps failures in a per-thread queue; leaving them there confuses the next TLS user.
[[noreturn]] void fail(ErrorKind kind, std::string message) {
  ERR_clear_error();
  throw Error(kind, std::move(message));
}

std::shared_ptr<EVP_PKEY> adopt(EVP_PKEY* key) { return {key, EVP_PKEY_free}; }

Alg require_alg(std::string_view alg) {
  if (alg == "ES256") return Alg::es256;
  if (alg == "RS256") return Alg::rs256;
  fail(ErrorKind::internal, fmt::format("unsupported signing algorithm '{}' (use ES256 or RS256)", alg));
}

bool is_p256(EVP_PKEY* key) {
  char name[64];
  std::size_t len = 0;
  if (!EVP_PKEY_is_a(key, "EC") || EVP_PKEY_get_group_name(key, name, sizeof name, &len) != 1) return false;
  const std::string_view group(name, len);
  return group == "prime256v1" || group == "P-256";
}

bool fits(EVP_PKEY* key, Alg alg) {
  if (alg == Alg::es256) return is_p256(key);
  return EVP_PKEY_is_a(key, "RSA") && EVP_PKEY_get_bits(key) >= kRsaBits;
}

// size 0 means the minimal big-endian encoding (RSA n, e); otherwise left-padded to size.
std::string bn_param(EVP_PKEY* key, const char* name, std::size_t size = 0) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) fail(ErrorKind::internal, "cannot read signing key parameters");
  const Bignum bn(raw);
  std::string out(size ? size : static_cast<std::size_t>(BN_num_bytes(bn.get())), '\0');
  if (BN_bn2binpad(bn.get(), bytes(out), static_cast<int>(out.size())) < 0)
    fail(ErrorKind::internal, "signing key parameter is out of range");
  return out;
}

// JWS wants ES256 signatures as R||S (RFC 7518 §3.4); OpenSSL speaks DER ECDSA-Sig-Value.
std::string der_to_raw(std::string_view der) {
  const unsigned char* p = bytes(der);
  const EcdsaSig sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  if (!sig) fail(ErrorKind::internal, "ECDSA produced an unreadable signature");
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  std::string raw(2 * kEcCoordinateSize, '\0');
  const int half = static_cast<int>(kEcCoordinateSize);
  if (BN_bn2binpad(r, bytes(raw), half) != half || BN_bn2binpad(s, bytes(raw) + half, half) != half)
    fail(ErrorKind::internal, "ECDSA produced an oversized signature");
  return raw;
}

std::optional<std::string> raw_to_der(std::string_view raw) {
  if (raw.size() != 2 * kEcCoordinateSize) return std::nullopt;
  const int half = static_cast<int>(kEcCoordinateSize);
  Bignum r(BN_bin2bn(bytes(raw), half, nullptr));
  Bignum s(BN_bin2bn(bytes(raw) + half, half, nullptr));
  const EcdsaSig sig(ECDSA_SIG_new());
  if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) return std::nullopt;
  r.release();  // now owned by sig
  s.release();
  const int len = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (len <= 0) return std::nullopt;
  std::string der(static_cast<std::size_t>(len), '\0');
  unsigned char* out = bytes(der);
  if (i2d_ECDSA_SIG(sig.get(), &out) != len) return std::nullopt;
  return der;
}

// --- JWK parsing: everything here comes from an external issuer, so failures are 401s. ---

[[noreturn]] void bad_jwk(std::string message) { fail(ErrorKind::unauthorized, "issuer key: " + message); }

std::optional<std::string_view> optional_string(const boost::json::object& jwk, std::string_view name) {
  const boost::json::value* v = jwk.if_contains(name);
  if (!v) return std::nullopt;
  if (!v->is_string()) bad_jwk(fmt::format("'{}' is not a string", name));
  return std::string_view(v->get_string());
}

std::string required_bytes(const boost::json::object& jwk, std::string_view name) {
  const auto text = optional_string(jwk, name);
  if (!text) bad_jwk(fmt::format("'{}' is missing", name));
  auto decoded = base64url_decode(*text);
  if (!decoded || decoded->empty()) bad_jwk(fmt::format("'{}' is not base64url", name));
  return std::move(*decoded);
}

std::shared_ptr<EVP_PKEY> public_key_from_params(const char* type, const ParamBuilder& builder) {
  const Params params(OSSL_PARAM_BLD_to_param(builder.get()));
  const PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
    bad_jwk("the key parameters do not form a valid public key");
  return adopt(raw);
}

std::shared_ptr<EVP_PKEY> ec_public_key(const boost::json::object& jwk) {
  if (optional_string(jwk, "crv") != "P-256") bad_jwk("only crv P-256 is accepted");
  const std::string x = required_bytes(jwk, "x");
  const std::string y = required_bytes(jwk, "y");
  if (x.size() != kEcCoordinateSize || y.size() != kEcCoordinateSize) bad_jwk("'x' and 'y' must be 32 bytes");
  std::string point = "\x04" + x + y;  // SEC1 uncompressed point
  const ParamBuilder builder(OSSL_PARAM_BLD_new());
  if (!builder || OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, "P-256", 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) != 1)
    fail(ErrorKind::internal, "cannot build an EC public key");
  auto key = public_key_from_params("EC", builder);
  const PkeyCtx check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1) bad_jwk("the point is not on P-256");
  return key;
}

std::shared_ptr<EVP_PKEY> rsa_public_key(const boost::json::object& jwk) {
  const std::string n_bytes = required_bytes(jwk, "n");
  const std::string e_bytes = required_bytes(jwk, "e");
  const Bignum n(BN_bin2bn(bytes(n_bytes), static_cast<int>(n_bytes.size()), nullptr));
  const Bignum e(BN_bin2bn(bytes(e_bytes), static_cast<int>(e_bytes.size()), nullptr));
  if (!n || !e) fail(ErrorKind::internal, "cannot build an RSA public key");
  if (BN_num_bits(n.get()) < kRsaBits) bad_jwk(fmt::format("RSA keys shorter than {} bits are refused", kRsaBits));
  if (!BN_is_odd(e.get()) || BN_is_one(e.get())) bad_jwk("the RSA exponent is not usable");
  const ParamBuilder builder(OSSL_PARAM_BLD_new());
  if (!builder || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1)
    fail(ErrorKind::internal, "cannot build an RSA public key");
  return public_key_from_params("RSA", builder);
}

}  // namespace

SigningKey::SigningKey(std::string kid, std::string alg, std::shared_ptr<EVP_PKEY> key, bool has_private)
    : kid_(std::move(kid)), alg_(std::move(alg)), key_(std::move(key)), has_private_(has_private) {}

SigningKey SigningKey::generate(std::string kid, std::string_view alg) {
  const Alg a = require_alg(alg);
  const PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, a == Alg::es256 ? "EC" : "RSA", nullptr));
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1) fail(ErrorKind::internal, "cannot start key generation");
  const bool configured = a == Alg::es256 ? EVP_PKEY_CTX_set_group_name(ctx.get(), "P-256") > 0
                                          : EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), kRsaBits) > 0;
  EVP_PKEY* raw = nullptr;
  if (!configured || EVP_PKEY_generate(ctx.get(), &raw) != 1)
    fail(ErrorKind::internal, fmt::format("cannot generate an {} key", alg));
  return SigningKey(std::move(kid), std::string(alg), adopt(raw), true);
}

SigningKey SigningKey::from_private_pem(std::string kid, std::string_view alg, std::string_view pem) {
  const Alg a = require_alg(alg);
  if (pem.size() > INT_MAX) fail(ErrorKind::internal, "signing key PEM is too large");
  const Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  // Refuse passphrases: OpenSSL's default callback would prompt on the terminal.
  pem_password_cb* no_passphrase = [](char*, int, int, void*) { return -1; };
  EVP_PKEY* raw = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr) : nullptr;
  if (!raw) fail(ErrorKind::internal, fmt::format("signing key '{}' is not an unencrypted private key PEM", kid));
  auto key = adopt(raw);
  if (!fits(key.get(), a))
    fail(ErrorKind::internal,
         fmt::format("signing key '{}' is not a {} key", kid, a == Alg::es256 ? "P-256" : "RSA (2048 bits or more)"));
  return SigningKey(std::move(kid), std::string(alg), std::move(key), true);
}

SigningKey SigningKey::from_jwk(const boost::json::object& jwk) {
  const auto kty = optional_string(jwk, "kty");
  if (!kty) bad_jwk("'kty' is missing");
  const bool ec = *kty == "EC";
  if (!ec && *kty != "RSA") bad_jwk(fmt::format("key type '{}' is not accepted", *kty));
  const std::string_view alg = optional_string(jwk, "alg").value_or(ec ? "ES256" : "RS256");
  if (alg != (ec ? "ES256" : "RS256")) bad_jwk(fmt::format("alg '{}' is not accepted for kty {}", alg, *kty));
  if (const auto use = optional_string(jwk, "use"); use && *use != "sig") bad_jwk("the key is not for signatures");
  std::string kid(optional_string(jwk, "kid").value_or(""));
  auto key = ec ? ec_public_key(jwk) : rsa_public_key(jwk);
  return SigningKey(std::move(kid), std::string(alg), std::move(key), false);
}

std::string SigningKey::private_pem() const {
  if (!has_private_) fail(ErrorKind::internal, fmt::format("signing key '{}' has no private part", kid_));
  const Bio bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
    fail(ErrorKind::internal, fmt::format("cannot export signing key '{}'", kid_));
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

boost::json::object SigningKey::public_jwk() const {
  boost::json::object jwk;
  if (alg_ == "ES256") {
    jwk["kty"] = "EC";
    jwk["crv"] = "P-256";
    jwk["x"] = base64url_encode(bn_param(key_.get(), OSSL_PKEY_PARAM_EC_PUB_X, kEcCoordinateSize));
    jwk["y"] = base64url_encode(bn_param(key_.get(), OSSL_PKEY_PARAM_EC_PUB_Y, kEcCoordinateSize));
  } else {
    jwk["kty"] = "RSA";
    jwk["n"] = base64url_encode(bn_param(key_.get(), OSSL_PKEY_PARAM_RSA_N));
    jwk["e"] = base64url_encode(bn_param(key_.get(), OSSL_PKEY_PARAM_RSA_E));
  }
  jwk["kid"] = kid_;
  jwk["alg"] = alg_;
  jwk["use"] = "sig";
  return jwk;
}

std::string SigningKey::sign(std::string_view data) const {
  if (!has_private_) fail(ErrorKind::internal, fmt::format("signing key '{}' has no private part", kid_));
  const MdCtx ctx(EVP_MD_CTX_new());
  std::size_t size = 0;
  if (!ctx || EVP_DigestSignInit_ex(ctx.get(), nullptr, "SHA256", nullptr, nullptr, key_.get(), nullptr) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &size, bytes(data), data.size()) != 1)
    fail(ErrorKind::internal, fmt::format("cannot sign with key '{}'", kid_));
  std::string signature(size, '\0');
  if (EVP_DigestSign(ctx.get(), bytes(signature), &size, bytes(data), data.size()) != 1)
    fail(ErrorKind::internal, fmt::format("cannot sign with key '{}'", kid_));
  signature.resize(size);
  return alg_ == "ES256" ? der_to_raw(signature) : signature;
}

bool SigningKey::verify(std::string_view data, std::string_view signature) const noexcept {
  std::string der;
  if (alg_ == "ES256") {
    auto converted = raw_to_der(signature);
    if (!converted) {
      ERR_clear_error();
      return false;
    }
    der = std::move(*converted);
    signature = der;
  } else if (signature.size() != static_cast<std::size_t>(EVP_PKEY_get_size(key_.get()))) {
    return false;
  }
  const MdCtx ctx(EVP_MD_CTX_new());
  const bool ok = ctx &&
                  EVP_DigestVerifyInit_ex(ctx.get(), nullptr, "SHA256", nullptr, nullptr, key_.get(), nullptr) == 1 &&
                  EVP_DigestVerify(ctx.get(), bytes(signature), signature.size(), bytes(data), data.size()) == 1;
  ERR_clear_error();
  return ok;
}

}  // namespace agora::user
