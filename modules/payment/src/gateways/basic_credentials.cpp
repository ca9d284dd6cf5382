#include "gateways/basic_credentials.hpp"

#include <cstdint>

namespace agora::payment {

std::string basic_credentials(std::string_view user, std::string_view password) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string plain;
  plain.append(user).append(":").append(password);
  std::string out = "Basic ";
  for (std::size_t i = 0; i < plain.size(); i += 3) {
    const auto byte = [&](std::size_t k) -> std::uint32_t {
      return i + k < plain.size() ? static_cast<unsigned char>(plain[i + k]) : 0;
    };
    const auto group = byte(0) << 16 | byte(1) << 8 | byte(2);
    const auto present = plain.size() - i;  // bytes of this group that are data
    for (std::size_t k = 0; k < 4; ++k) out += k <= present ? kAlphabet[(group >> (18 - 6 * k)) & 0x3F] : '=';
  }
  return out;
}

}  // namespace agora::payment
