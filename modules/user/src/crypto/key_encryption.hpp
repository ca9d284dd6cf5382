#pragma once
// Private keys at rest: sealed with XChaCha20-Poly1305 under a key-encryption key (KEK) that
// comes from the config (env: or file:, as Vault Agent or a KMS renders it), never from the
// database. The current KEK seals; previous KEKs only open, which is how a KEK is rotated.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agora::user {

struct SealedKey {
  std::string kek_id;  // which KEK sealed it: a fingerprint of that KEK, not secret
  std::string data;    // base64url(nonce || ciphertext || tag)
};

class KeyEncryption {
 public:
  // current: one KEK (32 bytes, base64) or "" for none; previous: KEKs separated by commas or
  // whitespace. Throws std::invalid_argument naming the bad one.
  KeyEncryption(std::string_view current, std::string_view previous);

  bool enabled() const noexcept { return current_.has_value(); }
  // The current KEK's id; "" when none is configured.
  std::string current_id() const { return current_ ? current_->id : ""; }
  bool knows(std::string_view kek_id) const noexcept { return find(kek_id) != nullptr; }

  // Seals under the current KEK, bound to `context` (the key's kid: a sealed key moved to another
  // row does not open). Throws Error{internal} when no KEK is configured.
  SealedKey seal(std::string_view context, std::string_view plain) const;
  // Throws Error{internal} when the KEK is not configured or the data was altered or moved.
  std::string open(std::string_view context, const SealedKey& sealed) const;

 private:
  struct Kek {
    std::string id;
    std::array<unsigned char, 32> key;
  };
  static Kek parse(std::string_view base64, const std::string& which);
  const Kek* find(std::string_view kek_id) const noexcept;

  std::optional<Kek> current_;
  std::vector<Kek> previous_;
};

}  // namespace agora::user
