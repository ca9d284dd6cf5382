#pragma once
// ISO 3166-1 alpha-2 country codes.
#include <string_view>

namespace agora::user {

bool is_country_code(std::string_view code) noexcept;  // upper-case, officially assigned

}  // namespace agora::user
