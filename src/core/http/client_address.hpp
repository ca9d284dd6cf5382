#pragma once
// Who the client is when load balancers stand in front: X-Forwarded-For is believed only from
// configured trusted proxies, and read from the right (the nearest hop) so a client cannot put a
// forged address of its own choosing where the server will take it.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agora::http {

class TrustedProxies {
 public:
  // Addresses or CIDR ranges ("10.0.0.0/8", "::1", "fd00::/8"); ConfigError on a bad one.
  explicit TrustedProxies(const std::vector<std::string>& ranges);

  bool empty() const { return ranges_.empty(); }
  bool trusts(std::string_view address) const;
  // The peer itself unless it is trusted; then the rightmost X-Forwarded-For entry that is not a
  // trusted proxy (or the leftmost entry when all are). A malformed entry ends the walk: the hop
  // that wrote it is taken as the client.
  std::string client_address(std::string_view peer, std::optional<std::string_view> forwarded_for) const;

 private:
  struct Range {
    std::array<std::uint8_t, 16> bytes;  // IPv4 as IPv4-mapped IPv6
    unsigned prefix;
  };
  std::vector<Range> ranges_;
};

}  // namespace agora::http
