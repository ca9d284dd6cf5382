#include "domain/credentials.hpp"

#include <agora/core/fields.hpp>

#include <agora/core/error.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace agora::user {
namespace {

// The most used passwords of 12 characters or more (from public breach corpora), lower-case.
constexpr std::array<std::string_view, 40> kCommonPasswords{
    "123456789012",   "1234567890123",    "12345678901234", "123456789123",  "111111111111", "000000000000",
    "qwertyuiopasdf", "qwertyuiop123",    "1q2w3e4r5t6y",   "1qaz2wsx3edc",  "password1234", "password12345",
    "password123456", "passwordpassword", "iloveyou1234",   "administrator", "letmein12345", "welcome12345",
    "welcome123456",  "qwerty123456",     "abc123456789",   "abcdefghijkl",  "aaaaaaaaaaaa", "changeme1234",
    "football1234",   "baseball1234",     "superman1234",   "trustno11234",  "monkey123456", "dragon123456",
    "sunshine1234",   "princess1234",     "starwars1234",   "whatever1234",  "master123456", "qwertyqwerty",
    "asdfghjkl123",   "zxcvbnm12345",     "p@ssw0rd1234",   "passw0rd1234"};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

std::optional<std::string> normalised_email(std::string_view email) {
  const auto first = email.find_first_not_of(" \t\r\n");
  const auto last = email.find_last_not_of(" \t\r\n");
  std::string e = first == std::string_view::npos ? "" : lower(email.substr(first, last - first + 1));
  const auto at = e.find('@');
  const bool ok = !e.empty() && e.size() <= 254 && at != std::string::npos && at > 0 && at <= 64 &&
                  e.find('@', at + 1) == std::string::npos && e.find('.', at + 2) != std::string::npos &&
                  e.back() != '.' &&
                  std::none_of(e.begin(), e.end(), [](unsigned char c) { return c <= ' ' || c == 0x7F; });
  if (!ok) return std::nullopt;
  return e;
}

std::string normalise_email(std::string_view email, std::string_view field) {
  auto e = normalised_email(email);
  if (!e)
    throw Error(ErrorKind::validation, "invalid email address", {{std::string(field), "must be an email address"}});
  return std::move(*e);
}

std::optional<std::string> password_problem(std::string_view password, std::string_view email) {
  if (code_points(password) < kMinPasswordLength)
    return "must be at least " + std::to_string(kMinPasswordLength) + " characters";
  if (password.size() > kMaxPasswordBytes) return "must be at most " + std::to_string(kMaxPasswordBytes) + " bytes";
  const auto l = lower(password);
  if (std::find(kCommonPasswords.begin(), kCommonPasswords.end(), l) != kCommonPasswords.end())
    return "is too common; choose another";
  if (!email.empty() && (l == lower(email) || l == lower(email.substr(0, email.find('@')))))
    return "must not be your email address";
  return std::nullopt;
}

void check_password_policy(std::string_view password, std::string_view email, std::string_view field) {
  if (auto problem = password_problem(password, email))
    throw Error(ErrorKind::validation, "the password does not meet the policy",
                {{std::string(field), std::move(*problem)}});
}

}  // namespace agora::user
