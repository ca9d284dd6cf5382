#pragma once
// Finds the template a message is rendered with: by name, channel and locale.
#include "domain/template.hpp"

#include <optional>
#include <string_view>

namespace agora::notification {

class TemplateLookup {
 public:
  // The shipped template for the name and channel in the locale, else in en; nullopt when none ships.
  std::optional<Template> find(std::string_view name, std::string_view channel, std::string_view locale) const;
};

}  // namespace agora::notification
