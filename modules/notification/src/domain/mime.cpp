#include "domain/mime.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <ctime>

namespace agora::notification {
namespace {

constexpr std::string_view kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < in.size(); i += 3) {
    const auto n = std::min<std::size_t>(3, in.size() - i);
    std::uint32_t v = 0;
    for (std::size_t j = 0; j < 3; ++j) v = v << 8 | (j < n ? static_cast<unsigned char>(in[i + j]) : 0u);
    for (std::size_t j = 0; j < 4; ++j) out += j <= n ? kBase64[(v >> (18 - 6 * j)) & 0x3f] : '=';
  }
  return out;
}

// A part's body in base64, in lines of 76 characters (RFC 2045).
std::string base64_lines(std::string_view in) {
  const auto encoded = base64(in);
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); i += 76) out.append(encoded, i, 76).append("\r\n");
  return out;
}

bool printable_ascii(std::string_view s) {
  for (const unsigned char c : s)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xc0) == 0x80; }

std::string part(std::string_view type, std::string_view body) {
  return "Content-Type: " + std::string(type) +
         "; charset=UTF-8\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\n" +
         base64_lines(body);
}

// The mailbox with its display name encoded when it needs to be.
std::string encode_mailbox(std::string_view mailbox) {
  const auto open = mailbox.rfind('<');
  if (open == std::string_view::npos) return std::string(mailbox);
  auto name = mailbox.substr(0, open);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  if (name.empty()) return std::string(mailbox.substr(open));
  return encode_header_text(name) + " " + std::string(mailbox.substr(open));
}

}  // namespace

std::string encode_header_text(std::string_view text) {
  if (printable_ascii(text)) return std::string(text);
  // A line holding an encoded word is at most 76 characters (RFC 2047), the header's name included
  // ("Subject: "): 30 bytes of text are 40 of base64, plus 12 for "=?UTF-8?B?" and "?=".
  constexpr std::size_t kBytesPerWord = 30;
  std::string out;
  while (!text.empty()) {
    auto n = std::min(kBytesPerWord, text.size());
    while (n < text.size() && n > 0 && continuation_byte(text[n])) --n;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(0, n)) + "?=";
    text.remove_prefix(n);
  }
  return out;
}

std::string address_of(std::string_view mailbox) {
  const auto open = mailbox.rfind('<');
  const auto close = mailbox.rfind('>');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) return std::string(mailbox);
  return std::string(mailbox.substr(open + 1, close - open - 1));
}

std::string domain_of(std::string_view mailbox) {
  const auto address = address_of(mailbox);
  const auto at = address.rfind('@');
  return at == std::string::npos ? "" : address.substr(at + 1);
}

bool plausible_address(std::string_view a) {
  const auto at = a.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == a.size()) return false;
  for (const unsigned char c : a)
    if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == ',') return false;
  return true;
}

std::string rfc5322_date(Timestamp t) {
  const auto seconds = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string mime_message(const MimeEmail& e) {
  std::string m;
  m += "From: " + encode_mailbox(e.from) + "\r\n";
  m += "To: " + e.to + "\r\n";
  m += "Subject: " + encode_header_text(e.subject) + "\r\n";
  m += "Date: " + rfc5322_date(e.date) + "\r\n";
  m += "Message-ID: " + e.message_id + "\r\n";
  if (!e.unsubscribe_url.empty()) {
    m += "List-Unsubscribe: <" + e.unsubscribe_url + ">\r\n";
    m += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
  }
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Type: multipart/alternative; boundary=\"" + e.boundary + "\"\r\n\r\n";
  m += "--" + e.boundary + "\r\n" + part("text/plain", e.text);
  m += "--" + e.boundary + "\r\n" + part("text/html", e.html);
  m += "--" + e.boundary + "--\r\n";
  return m;
}

}  // namespace agora::notification
