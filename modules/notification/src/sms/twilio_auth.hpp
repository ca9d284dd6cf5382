#pragma once
// How Twilio and Agora authenticate to each other: Agora's calls carry the account SID and auth token
// as HTTP Basic credentials; Twilio's requests carry X-Twilio-Signature, the base64 of an HMAC-SHA1,
// keyed with the auth token, of the full URL Twilio requested followed by every POST parameter's name and
// value, sorted by name (https://www.twilio.com/docs/usage/security#validating-requests).
#include "sms/form.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace agora::notification {

// The signature Twilio sends with a POST of `params` to `url`.
std::string twilio_signature(std::string_view auth_token, std::string_view url, const FormFields& params);

// True when `signature` is the one for the POST (compared in constant time); false when missing.
bool twilio_signature_matches(std::optional<std::string_view> signature, std::string_view auth_token,
                              std::string_view url, const FormFields& params);

// "Basic " and the base64 of "<user>:<password>" (RFC 7617), as Twilio's API is authenticated.
std::string basic_credentials(std::string_view user, std::string_view password);

}  // namespace agora::notification
