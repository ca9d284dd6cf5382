#include <agora/core/json_text.hpp>

#include <fmt/format.h>

#include <array>
#include <cstring>

namespace agora::json_text {
namespace {

constexpr std::array<bool, 256> kNeedsEscape = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = true;
  table['"'] = table['\\'] = true;
  return table;
}();

// True when one of the eight bytes in w is below 0x20, '"' or '\\' (exact, by the classic
// "has a byte less than n" bit trick): plain runs are skipped a word at a time.
bool any_needs_escape(std::uint64_t w) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  const auto has_zero_byte = [](std::uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  return (((w - kOnes * 0x20) & ~w & kHigh) | has_zero_byte(w ^ (kOnes * '"')) | has_zero_byte(w ^ (kOnes * '\\'))) !=
         0;
}

}  // namespace

// Runs of plain characters are copied whole.
void append_string(std::string& out, std::string_view s) {
  out.push_back('"');
  std::size_t plain = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    if (std::uint64_t w; i + 8 <= s.size() && (std::memcpy(&w, s.data() + i, 8), !any_needs_escape(w))) {
      i += 8;
      continue;
    }
    const auto c = static_cast<unsigned char>(s[i++]);
    if (!kNeedsEscape[c]) continue;
    out.append(s.data() + plain, i - 1 - plain);
    plain = i;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    }
  }
  out.append(s.data() + plain, s.size() - plain);
  out.push_back('"');
}

}  // namespace agora::json_text
