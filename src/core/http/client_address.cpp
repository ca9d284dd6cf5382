#include "http/client_address.hpp"

#include <agora/core/config.hpp>

#include <arpa/inet.h>

#include <cstring>

namespace agora::http {
namespace {

using Bytes = std::array<std::uint8_t, 16>;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// An IPv4 or IPv6 address as 16 bytes (IPv4 mapped into IPv6), with the prefix length that covers
// the whole address; nullopt when it is not one.
std::optional<std::pair<Bytes, unsigned>> parse_address(std::string_view text) {
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  char buffer[INET6_ADDRSTRLEN];
  std::memcpy(buffer, text.data(), text.size());
  buffer[text.size()] = '\0';
  Bytes bytes{};
  if (in_addr v4; inet_pton(AF_INET, buffer, &v4) == 1) {
    bytes[10] = bytes[11] = 0xff;
    std::memcpy(bytes.data() + 12, &v4, 4);
    return std::pair{bytes, 128u};
  }
  if (in6_addr v6; inet_pton(AF_INET6, buffer, &v6) == 1) {
    std::memcpy(bytes.data(), &v6, 16);
    return std::pair{bytes, 128u};
  }
  return std::nullopt;
}

bool within(const Bytes& address, const Bytes& network, unsigned prefix) {
  const unsigned whole = prefix / 8, rest = prefix % 8;
  if (std::memcmp(address.data(), network.data(), whole) != 0) return false;
  if (rest == 0) return true;
  const auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
  return (address[whole] & mask) == (network[whole] & mask);
}

}  // namespace

TrustedProxies::TrustedProxies(const std::vector<std::string>& ranges) {
  for (const auto& text : ranges) {
    const auto slash = text.find('/');
    const auto parsed = parse_address(std::string_view(text).substr(0, slash));
    unsigned prefix = parsed ? parsed->second : 0;
    bool ok = parsed.has_value();
    if (ok && slash != std::string::npos) {
      const bool v4 = text.find(':') == std::string::npos;
      const auto digits = std::string_view(text).substr(slash + 1);
      unsigned given = 0;
      ok = !digits.empty() && digits.size() <= 3;
      for (char c : digits) ok = ok && c >= '0' && c <= '9' && (given = given * 10 + unsigned(c - '0'), true);
      ok = ok && given <= (v4 ? 32u : 128u);
      prefix = v4 ? given + 96 : given;
    }
    if (!ok) throw ConfigError("config key http.trusted_proxies: '" + text + "' is not an IP address or CIDR range");
    ranges_.push_back({parsed->first, prefix});
  }
}

bool TrustedProxies::trusts(std::string_view address) const {
  const auto parsed = parse_address(trim(address));
  if (!parsed) return false;
  for (const auto& r : ranges_)
    if (within(parsed->first, r.bytes, r.prefix)) return true;
  return false;
}

std::string TrustedProxies::client_address(std::string_view peer, std::optional<std::string_view> forwarded_for) const {
  if (!forwarded_for || !trusts(peer)) return std::string(peer);
  std::string_view hops = *forwarded_for;
  std::string_view client = peer;
  while (!hops.empty()) {
    const auto comma = hops.rfind(',');
    const auto hop = trim(comma == std::string_view::npos ? hops : hops.substr(comma + 1));
    hops = comma == std::string_view::npos ? std::string_view{} : hops.substr(0, comma);
    if (!parse_address(hop)) break;
    client = hop;
    if (!trusts(hop)) break;
  }
  return std::string(client);
}

}  // namespace agora::http
