#include "http/sku_field.hpp"

#include "domain/lines.hpp"

namespace agora::inventory {

std::optional<std::string> sku_field(Fields& f, std::string_view key) {
  auto sku = f.text(key, kMaxSkuLength, true);
  if (sku && !valid_sku(*sku)) {
    f.fail(std::string(key), "must be letters, digits, '-', '_' and '.' only");
    return std::nullopt;
  }
  return sku;
}

}  // namespace agora::inventory
