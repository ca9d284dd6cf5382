#pragma once
// Rules for emails and passwords: normalisation and the password policy. Pure: no I/O.
#include <string>
#include <string_view>

namespace agora::user {

inline constexpr std::size_t kMinPasswordLength = 12;   // code points
inline constexpr std::size_t kMaxPasswordBytes = 1024;  // bounds the hashing work a request can ask for

// Trims and lower-cases an email; throws Error{validation} naming `field` when it is not an address.
std::string normalise_email(std::string_view email, std::string_view field = "email");

// Throws Error{validation} naming `field` when the password is too short, too long, common,
// or the account's own email.
void check_password_policy(std::string_view password, std::string_view email, std::string_view field = "password");

}  // namespace agora::user
