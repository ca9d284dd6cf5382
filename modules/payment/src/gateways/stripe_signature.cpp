#include "gateways/stripe_signature.hpp"

#include <agora/core/digest.hpp>
#include <agora/core/error.hpp>

#include <charconv>

namespace agora::payment {
namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

std::optional<std::int64_t> seconds(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty() || value < 0) return std::nullopt;
  return value;
}

Error refused(std::string message) { return Error(ErrorKind::bad_request, "invalid Stripe-Signature: " + message); }

}  // namespace

std::optional<StripeSignature> parse_stripe_signature(std::string_view header) {
  StripeSignature out;
  bool has_time = false;
  while (!header.empty()) {
    const auto comma = header.find(',');
    const auto item = trimmed(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    const auto equals = item.find('=');
    if (equals == std::string_view::npos) continue;
    const auto name = item.substr(0, equals);
    const auto value = item.substr(equals + 1);
    if (name == "t") {
      const auto t = seconds(value);
      if (!t || has_time) return std::nullopt;  // a second t could stand for a time the signature was not made at
      out.timestamp = *t;
      has_time = true;
    } else if (name == "v1" && !value.empty()) {
      out.v1.emplace_back(value);
    }
  }
  if (!has_time || out.v1.empty()) return std::nullopt;
  return out;
}

void verify_stripe_signature(std::optional<std::string_view> header, std::string_view body, std::string_view secret,
                             Timestamp now, std::chrono::seconds tolerance) {
  if (!header) throw refused("the header is missing");
  const auto signature = parse_stripe_signature(*header);
  if (!signature) throw refused("the header has no t=<seconds> and v1=<signature>");
  const auto t = std::to_string(signature->timestamp);
  std::string signed_text;
  signed_text.reserve(t.size() + 1 + body.size());
  signed_text.append(t).append(".").append(body);
  const auto expected = hmac_sha256_hex(secret, signed_text);
  bool matched = false;
  // Every one is compared, so that the time taken does not tell which matched.
  for (const auto& v1 : signature->v1) matched |= equal_in_constant_time(v1, expected);
  if (!matched) throw refused("no signature matches the body");
  // In seconds: a t of any size is compared without overflow.
  const auto now_s = std::chrono::floor<std::chrono::seconds>(now.time_since_epoch()).count();
  const auto apart = now_s > signature->timestamp ? now_s - signature->timestamp : signature->timestamp - now_s;
  if (apart > tolerance.count()) throw refused("signed more than " + std::to_string(tolerance.count()) + " s from now");
}

}  // namespace agora::payment
