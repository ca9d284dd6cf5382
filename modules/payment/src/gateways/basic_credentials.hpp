#pragma once
// HTTP Basic credentials (RFC 7617), as OAuth2's client credentials grant sends a client's id and
// secret.
#include <string>
#include <string_view>

namespace agora::payment {

// "Basic " and the base64 (RFC 4648, padded) of "<user>:<password>".
std::string basic_credentials(std::string_view user, std::string_view password);

}  // namespace agora::payment
