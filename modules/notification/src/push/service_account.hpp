#pragma once
// A Google service account's key (the JSON file the Firebase console gives): who Agora is to FCM.
// Only the fields the OAuth2 JWT grant needs are read; the private key is never logged.
#include <string>

namespace agora::notification {

struct ServiceAccount {
  std::string project_id;
  std::string client_email;
  std::string private_key;     // PEM (PKCS#8)
  std::string private_key_id;  // the JWT's kid; may be ""
  std::string token_uri;       // where the JWT is exchanged for an access token
};

// `value`: the key's JSON itself, or the path of a file holding it. Throws ConfigError naming what
// is missing or wrong (never the key's content).
ServiceAccount read_service_account(const std::string& value);

}  // namespace agora::notification
