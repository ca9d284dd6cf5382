#include <agora/core/json_text.hpp>

#include <boost/json/value.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <utility>

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

// How many bytes at the start of s need no escaping.
std::size_t plain_prefix(std::string_view s) {
  std::size_t i = 0;
  for (std::uint64_t w; i + 8 <= s.size(); i += 8) {
    std::memcpy(&w, s.data() + i, 8);
    if (any_needs_escape(w)) break;
  }
  while (i < s.size() && !kNeedsEscape[static_cast<unsigned char>(s[i])]) ++i;
  return i;
}

std::string_view escaped(unsigned char c, char (&text)[6]) {
  switch (c) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default:
      constexpr char kHex[] = "0123456789abcdef";
      text[0] = '\\', text[1] = 'u', text[2] = text[3] = '0', text[4] = kHex[c >> 4], text[5] = kHex[c & 15];
      return {text, sizeof text};
  }
}

// s as a JSON string literal, into anything that can put() a character, a run of them, and a run
// between quotes (most strings: nothing to escape). Runs of plain characters are copied whole.
template <class Out>
void write_string(Out& out, std::string_view s) {
  auto plain = plain_prefix(s);
  if (plain == s.size()) return out.put_quoted(s);
  out.put('"');
  for (;;) {
    out.put(s.substr(0, plain));
    if (plain == s.size()) break;
    char text[6];
    out.put(escaped(static_cast<unsigned char>(s[plain]), text));
    s.remove_prefix(plain + 1);
    plain = plain_prefix(s);
  }
  out.put('"');
}

struct StringOut {
  std::string& out;
  void put(char c) { out.push_back(c); }
  void put(std::string_view text) { out.append(text); }
  void put_quoted(std::string_view text) {
    out.push_back('"');
    out.append(text);
    out.push_back('"');
  }
};

// The shortest text that reads back as v, with ".0" after a whole number; null for NaN and infinities.
std::string_view number_text(double v, char (&text)[32]) {
  if (!std::isfinite(v)) return "null";
  char* end = std::to_chars(text, text + 30, v).ptr;  // the longest, -2.2250738585072014e-308, is 24
  if (std::none_of(text, end, [](char c) { return c == '.' || c == 'e'; })) *end++ = '.', *end++ = '0';
  return {text, static_cast<std::size_t>(end - text)};
}

// Writes a value into a string through a pointer: a capacity check per piece, and the string grown
// by at least `slack` bytes at a time (resize zeroes what it adds) and cut to what was written by finish().
class Sink {
 public:
  Sink(std::string& buffer, std::size_t used, std::size_t slack)
      : buffer_(buffer), slack_(slack), cur_(buffer.data() + used), end_(buffer.data() + buffer.size()) {}

  void put(char c) { *room(1) = c, ++cur_; }
  void put(std::string_view text) {
    std::memcpy(room(text.size()), text.data(), text.size());
    cur_ += text.size();
  }
  void put_quoted(std::string_view text) {
    char* p = room(text.size() + 2);
    *p = '"';
    std::memcpy(p + 1, text.data(), text.size());
    p[text.size() + 1] = '"';
    cur_ += text.size() + 2;
  }
  std::size_t used() const { return static_cast<std::size_t>(cur_ - buffer_.data()); }
  void finish() { buffer_.resize(used()); }

  void value(const boost::json::value& v) {
    switch (v.kind()) {
      case boost::json::kind::null:
        return put("null");
      case boost::json::kind::bool_:
        return put(v.get_bool() ? "true" : "false");
      case boost::json::kind::int64:
        return integer(v.get_int64());
      case boost::json::kind::uint64:
        return integer(v.get_uint64());
      case boost::json::kind::double_: {
        char text[32];
        return put(number_text(v.get_double(), text));
      }
      case boost::json::kind::string:
        return write_string(*this, v.get_string());
      case boost::json::kind::array: {
        put('[');
        bool first = true;
        for (const auto& element : v.get_array()) {
          if (!std::exchange(first, false)) put(',');
          value(element);
        }
        return put(']');
      }
      case boost::json::kind::object: {
        put('{');
        bool first = true;
        for (const auto& member : v.get_object()) {
          if (!std::exchange(first, false)) put(',');
          write_string(*this, member.key());
          put(':');
          value(member.value());
        }
        return put('}');
      }
    }
  }

 private:
  char* room(std::size_t n) {
    if (static_cast<std::size_t>(end_ - cur_) < n) grow(n);
    return cur_;
  }
  [[gnu::noinline]] void grow(std::size_t n) {
    const auto used = this->used();
    buffer_.resize(std::max(used + n, std::min(buffer_.capacity(), used + n + slack_)));
    cur_ = buffer_.data() + used;
    end_ = buffer_.data() + buffer_.size();
  }
  template <class I>
  void integer(I v) {
    char* p = room(24);
    cur_ = std::to_chars(p, p + 24, v).ptr;
  }

  std::string& buffer_;
  std::size_t slack_;
  char* cur_;
  char* end_;
};

}  // namespace

void append_string(std::string& out, std::string_view s) {
  StringOut o{out};
  write_string(o, s);
}

void append_number(std::string& out, double v) {
  char text[32];
  out.append(number_text(v, text));
}

void append_value(std::string& out, const boost::json::value& v) {
  Sink sink(out, out.size(), 256);
  sink.value(v);
  sink.finish();
}

// Written into a buffer the thread keeps, then copied once at its size, as Boost.JSON writes into a
// buffer on the stack: growing the answer as it is written costs more than the writing.
std::string serialize(const boost::json::value& v) {
  constexpr std::size_t kKept = 64 * 1024;
  thread_local std::string buffer;
  Sink sink(buffer, 0, 4096);
  sink.value(v);
  std::string out(buffer.data(), sink.used());
  if (buffer.size() > kKept) buffer = std::string();
  return out;
}

}  // namespace agora::json_text
