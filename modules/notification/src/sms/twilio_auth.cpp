#include "sms/twilio_auth.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <agora/core/digest.hpp>

#include <algorithm>
#include <stdexcept>

namespace agora::notification {
namespace {

std::string base64(const unsigned char* data, std::size_t size) {
  std::string out(4 * ((size + 2) / 3), '\0');
  const auto written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(size));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

}  // namespace

std::string twilio_signature(std::string_view auth_token, std::string_view url, const FormFields& params) {
  auto sorted = params;
  // By name, then by value: Twilio's libraries sort a name given twice by its values.
  std::sort(sorted.begin(), sorted.end());
  std::string text(url);
  for (const auto& [name, value] : sorted) text.append(name).append(value);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (!HMAC(EVP_sha1(), auth_token.data(), static_cast<int>(auth_token.size()),
            reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest, &size))
    throw std::runtime_error("HMAC-SHA1 failed");
  return base64(digest, size);
}

bool twilio_signature_matches(std::optional<std::string_view> signature, std::string_view auth_token,
                              std::string_view url, const FormFields& params) {
  return signature && equal_in_constant_time(*signature, twilio_signature(auth_token, url, params));
}

std::string basic_credentials(std::string_view user, std::string_view password) {
  std::string plain;
  plain.append(user).append(":").append(password);
  return "Basic " + base64(reinterpret_cast<const unsigned char*>(plain.data()), plain.size());
}

}  // namespace agora::notification
