#pragma once
// Rules for emails and passwords: normalisation and the password policy. Pure: no I/O.
#include <optional>
#include <string>
#include <string_view>

namespace agora::user {

inline constexpr std::size_t kMinPasswordLength = 12;   // code points
inline constexpr std::size_t kMaxPasswordBytes = 1024;  // bounds the hashing work a request can ask for

// The email trimmed and lower-cased; nullopt when it is not an address.
std::optional<std::string> normalised_email(std::string_view email);
// As normalised_email; throws Error{validation} naming `field` when it is not an address.
std::string normalise_email(std::string_view email, std::string_view field = "email");

// What is wrong with a new password for the account of `email` ("" when unknown): too short, too
// long, common, or the email itself; nullopt when nothing is.
std::optional<std::string> password_problem(std::string_view password, std::string_view email);
// Throws Error{validation} naming `field` with the password's problem, if any.
void check_password_policy(std::string_view password, std::string_view email, std::string_view field = "password");

}  // namespace agora::user
