#include "common/random.hpp"

#include <agora/core/ids.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <vector>

namespace agora {
namespace {

// The millisecond and 12-bit counter (rand_a, RFC 9562 section 6.2 method 1) of the next id: ids
// made by one process sort in the order they were made, even within a millisecond. A counter
// starts at a random value below 2048 each millisecond; running out borrows the next millisecond.
std::pair<std::uint64_t, unsigned> next_stamp(unsigned random_start) {
  static std::mutex mutex;
  static std::uint64_t last_ms = 0;
  static unsigned counter = 0;
  const auto now = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
  std::lock_guard lock(mutex);
  if (now > last_ms) {
    last_ms = now;
    counter = random_start & 0x7FF;
  } else if (++counter > 0xFFF) {
    ++last_ms;
    counter = random_start & 0x7FF;
  }
  return {last_ms, counter};
}

}  // namespace

std::string new_id() {
  std::array<unsigned char, 16> b{};
  random_bytes(b.data(), b.size());
  const auto [ms, counter] = next_stamp(static_cast<unsigned>(b[6]) << 8 | b[7]);
  for (int i = 0; i < 6; ++i) b[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
  b[6] = static_cast<unsigned char>(0x70 | (counter >> 8));  // version 7
  b[7] = static_cast<unsigned char>(counter & 0xFF);
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  char out[36];
  std::size_t pos = 0;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out[pos++] = '-';
    out[pos++] = kHex[b[i] >> 4];
    out[pos++] = kHex[b[i] & 0x0F];
  }
  return std::string(out, sizeof out);
}

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

std::string new_secret(std::size_t bytes) {
  std::vector<unsigned char> b(bytes);
  random_bytes(b.data(), b.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * bytes);
  for (const auto c : b) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0xF]);
  }
  return out;
}

}  // namespace agora
