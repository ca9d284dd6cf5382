#include "app/template_lookup.hpp"

#include "domain/locale.hpp"
#include "store/template_store.hpp"

#include <agora/core/db.hpp>

namespace agora::notification {

TemplateLookup::TemplateLookup(Database& db, std::string default_locale)
    : db_(db), default_locale_(std::move(default_locale)), stored_(std::make_shared<const StoredTemplates>()) {}

void TemplateLookup::reload() {
  std::lock_guard turn(reload_mutex_);
  auto fresh = std::make_shared<StoredTemplates>();
  {
    auto conn = db_.acquire();
    for (auto& t : template_store::all(*conn)) fresh->emplace(t.id(), std::move(t));
  }
  std::unique_lock lock(mutex_);
  stored_ = std::move(fresh);
}

std::shared_ptr<const StoredTemplates> TemplateLookup::stored() const {
  std::shared_lock lock(mutex_);
  return stored_;
}

std::optional<FoundTemplate> TemplateLookup::resolve(std::string_view name, std::string_view channel,
                                                     std::string_view locale) const {
  const auto stored = this->stored();
  auto chain = locale_chain(locale, default_locale_);
  chain.emplace_back(kShippedLocale);  // the shipped templates' locale, when the shop's default is another
  for (const auto& l : chain) {
    TemplateId id{std::string(name), std::string(channel), l};
    if (const auto it = stored->find(id); it != stored->end()) return FoundTemplate{it->second.parts(), id, true};
    if (const auto* t = shipped_template(name, channel, l)) return FoundTemplate{*t, id, false};
  }
  return std::nullopt;
}

std::optional<Template> TemplateLookup::find(std::string_view name, std::string_view channel,
                                             std::string_view locale) const {
  auto found = resolve(name, channel, locale);
  if (!found) return std::nullopt;
  return std::move(found->parts);
}

}  // namespace agora::notification
