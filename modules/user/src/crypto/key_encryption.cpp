#include "crypto/key_encryption.hpp"

#include "crypto/base64url.hpp"

#include <sodium.h>
#include <agora/core/error.hpp>

#include <algorithm>
#include <stdexcept>

namespace agora::user {
namespace {

constexpr std::string_view kSeparators = ", \t\r\n";
constexpr std::string_view kIdContext = "agora.user kek id";

std::string hex(const unsigned char* bytes, std::size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(kDigits[bytes[i] >> 4]);
    out.push_back(kDigits[bytes[i] & 15]);
  }
  return out;
}

}  // namespace

KeyEncryption::KeyEncryption(std::string_view current, std::string_view previous) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  const auto first = current.find_first_not_of(kSeparators);
  if (first != std::string_view::npos) current_ = parse(current.substr(first), "the current key-encryption key");
  std::size_t i = 0;
  while ((i = previous.find_first_not_of(kSeparators, i)) != std::string_view::npos) {
    const auto end = std::min(previous.find_first_of(kSeparators, i), previous.size());
    previous_.push_back(
        parse(previous.substr(i, end - i), "previous key-encryption key " + std::to_string(previous_.size() + 1)));
    i = end;
  }
}

// The id is a keyed hash of the KEK: stable across instances, and it reveals nothing of the KEK.
KeyEncryption::Kek KeyEncryption::parse(std::string_view base64, const std::string& which) {
  while (!base64.empty() && kSeparators.find(base64.back()) != std::string_view::npos) base64.remove_suffix(1);
  Kek k;
  std::size_t length = 0;
  if (sodium_base642bin(k.key.data(), k.key.size(), base64.data(), base64.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      length != k.key.size())
    throw std::invalid_argument(which + " is not 32 bytes in base64 (make one with: openssl rand -base64 32)");
  unsigned char digest[16];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(kIdContext.data()),
                     kIdContext.size(), k.key.data(), k.key.size());
  k.id = "kek-" + hex(digest, 8);
  return k;
}

const KeyEncryption::Kek* KeyEncryption::find(std::string_view kek_id) const noexcept {
  if (current_ && current_->id == kek_id) return &*current_;
  for (const auto& k : previous_)
    if (k.id == kek_id) return &k;
  return nullptr;
}

SealedKey KeyEncryption::seal(std::string_view context, std::string_view plain) const {
  if (!current_) throw Error(ErrorKind::internal, "no key-encryption key is configured");
  std::string box(
      crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plain.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &written,
                                             reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                                             reinterpret_cast<const unsigned char*>(context.data()), context.size(),
                                             nullptr, nonce, current_->key.data());
  return {current_->id, base64url_encode(box)};
}

std::string KeyEncryption::open(std::string_view context, const SealedKey& sealed) const {
  const auto* kek = find(sealed.kek_id);
  if (!kek)
    throw Error(ErrorKind::internal, "key '" + std::string(context) + "' is sealed under key-encryption key " +
                                         sealed.kek_id + ", which is not configured (add it to the previous ones)");
  const auto box = base64url_decode(sealed.data);
  constexpr auto kOverhead = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES;
  std::string plain(box && box->size() >= kOverhead ? box->size() - kOverhead : 0, '\0');
  unsigned long long length = 0;
  const auto* nonce = box ? reinterpret_cast<const unsigned char*>(box->data()) : nullptr;
  if (!box || box->size() < kOverhead ||
      crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()), &length, nullptr,
                                                 nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
                                                 box->size() - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
                                                 reinterpret_cast<const unsigned char*>(context.data()), context.size(),
                                                 nonce, kek->key.data()) != 0)
    throw Error(ErrorKind::internal, "key '" + std::string(context) + "' does not open under key-encryption key " +
                                         sealed.kek_id + ": it was altered or belongs to another row");
  plain.resize(length);
  return plain;
}

}  // namespace agora::user
