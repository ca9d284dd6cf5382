#pragma once
// SHA-256 as lower-case hex: checksums of migrations, fingerprints of requests.
#include <string>
#include <string_view>

namespace agora {

std::string sha256_hex(std::string_view data);

}  // namespace agora
