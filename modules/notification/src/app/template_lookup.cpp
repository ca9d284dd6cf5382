#include "app/template_lookup.hpp"

namespace agora::notification {

std::optional<Template> TemplateLookup::find(std::string_view name, std::string_view channel,
                                             std::string_view locale) const {
  if (const auto* t = default_template(name, channel, locale)) return *t;
  return std::nullopt;
}

}  // namespace agora::notification
