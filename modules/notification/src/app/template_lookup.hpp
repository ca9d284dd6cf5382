#pragma once
// Finds the template a message is rendered with, by name, channel and locale: along the locale's
// fallback chain ("de-AT", "de", the shop's default), a template an admin stored, else the shipped
// one. Lookup happens on every send, so stored templates are read from a snapshot in memory, loaded
// at start and again whenever any instance saves or deletes one (topic kTemplatesTopic).
#include "domain/template.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>

namespace agora {
class Database;
}

namespace agora::notification {

// What every instance hears when an admin saves or deletes a template (a Watch on this topic).
inline constexpr std::string_view kTemplatesTopic = "notification.templates";

// The template a lookup found, and where: stored by an admin (custom) or shipped, in which locale.
struct FoundTemplate {
  Template parts;
  TemplateId id;  // the locale it was found in, along the chain
  bool custom = false;
};

using StoredTemplates = std::map<TemplateId, StoredTemplate>;

class TemplateLookup {
 public:
  TemplateLookup(Database& db, std::string default_locale);
  // Reads the stored templates into a new snapshot. Any thread.
  void reload();
  // The template along the locale's chain; nullopt when none is stored or shipped for the name and
  // channel in any of its locales (nor in the shipped locale, en).
  std::optional<FoundTemplate> resolve(std::string_view name, std::string_view channel, std::string_view locale) const;
  std::optional<Template> find(std::string_view name, std::string_view channel, std::string_view locale) const;
  // The stored templates as last loaded.
  std::shared_ptr<const StoredTemplates> stored() const;

 private:
  Database& db_;
  const std::string default_locale_;
  std::mutex reload_mutex_;  // one reload at a time, so that an older read never replaces a newer one
  mutable std::shared_mutex mutex_;
  std::shared_ptr<const StoredTemplates> stored_;
};

}  // namespace agora::notification
