#pragma once
// The SKU field of a request body or of one of its lines.
#include <agora/core/fields.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace agora::inventory {

// A required SKU (valid_sku); nullopt, with the problem recorded, when absent or bad.
std::optional<std::string> sku_field(Fields& f, std::string_view key);

}  // namespace agora::inventory
