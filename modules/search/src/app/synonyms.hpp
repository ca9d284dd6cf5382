#pragma once
// Synonyms per locale: admins replace a locale's groups; every instance's index reads them again
// when search.synonyms_changed reaches it.
#include "engine/text_index.hpp"
#include "options.hpp"

#include <agora/core/clock.hpp>

#include <optional>
#include <string>

namespace agora {
class Database;
}

namespace agora::search {

struct SynonymGroups {
  std::string locale;
  Synonyms groups;
  std::optional<Timestamp> updated_at;  // nullopt: never set
};

class SynonymService {
 public:
  SynonymService(Database& db, const Clock& clock, Options options)
      : db_(db), clock_(clock), options_(std::move(options)) {}

  // Error{not_found} for a locale with no index.
  SynonymGroups get(const std::string& locale);
  // Error{validation} naming the bad group; publishes search.synonyms_changed.
  SynonymGroups replace(const std::string& locale, Synonyms groups);
  Synonyms folded(const std::string& locale);  // what the index expands queries with

 private:
  void known(const std::string& locale) const;

  Database& db_;
  const Clock& clock_;
  Options options_;
};

}  // namespace agora::search
