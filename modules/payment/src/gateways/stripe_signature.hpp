#pragma once
// Stripe's webhook signatures: the Stripe-Signature header `t=<unix seconds>,v1=<hex>,v1=<hex>`, each
// v1 an HMAC-SHA256 of "<t>.<raw body>" keyed with the endpoint's signing secret (several while a
// secret is rolled). Anything else in the header (v0, schemes to come) is passed over.
#include <agora/core/clock.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agora::payment {

struct StripeSignature {
  std::int64_t timestamp = 0;  // t, in seconds since the epoch
  std::vector<std::string> v1;
};

// How far the signing time may be from our clock, either way (Stripe's libraries use 300 s): a
// delivery recorded and played back later is refused.
inline constexpr std::chrono::seconds kSignatureTolerance{300};

// nullopt when the header has no valid t or no v1.
std::optional<StripeSignature> parse_stripe_signature(std::string_view header);

// Throws Error{bad_request} saying what is wrong when the header is missing or malformed, when no v1
// is the body's HMAC under `secret` (compared in constant time), or when t is further than the
// tolerance from `now`.
void verify_stripe_signature(std::optional<std::string_view> header, std::string_view body, std::string_view secret,
                             Timestamp now, std::chrono::seconds tolerance = kSignatureTolerance);

}  // namespace agora::payment
