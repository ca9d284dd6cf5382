#include "app/synonyms.hpp"

#include "domain/text_fold.hpp"
#include "store/synonym_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/search/events.hpp>

#include <algorithm>

namespace agora::search {
namespace {

constexpr std::size_t kMaxGroups = 2000;
constexpr std::size_t kMaxGroupSize = 20;
constexpr std::size_t kMaxWordBytes = 100;

}  // namespace

void SynonymService::known(const std::string& locale) const {
  if (std::find(options_.locales.begin(), options_.locales.end(), locale) == options_.locales.end())
    throw Error(ErrorKind::not_found, "no search index is kept for locale " + locale.substr(0, 40));
}

SynonymGroups SynonymService::get(const std::string& locale) {
  known(locale);
  auto conn = db_.acquire();
  const auto stored = synonym_store::find(*conn, locale);
  if (!stored) return {locale, {}, std::nullopt};
  return {locale, stored->groups, stored->updated_at};
}

SynonymGroups SynonymService::replace(const std::string& locale, Synonyms groups) {
  known(locale);
  std::vector<FieldError> errors;
  if (groups.size() > kMaxGroups) errors.push_back({"groups", "at most " + std::to_string(kMaxGroups) + " groups"});
  for (std::size_t i = 0; i < groups.size() && errors.size() < 10; ++i) {
    const auto field = "groups[" + std::to_string(i) + "]";
    auto& group = groups[i];
    if (group.size() < 2 || group.size() > kMaxGroupSize)
      errors.push_back({field, "must hold 2 to " + std::to_string(kMaxGroupSize) + " words or phrases"});
    for (std::size_t j = 0; j < group.size(); ++j)
      if (words_of(fold(group[j])).empty() || group[j].size() > kMaxWordBytes)
        errors.push_back({field + "[" + std::to_string(j) + "]",
                          "must have a letter or digit and at most " + std::to_string(kMaxWordBytes) + " bytes"});
  }
  if (!errors.empty()) throw Error(ErrorKind::validation, "the synonyms are not valid", std::move(errors));
  const auto now = clock_.now();
  db_.transact([&](Tx& tx) {
    synonym_store::replace(tx.sql(), locale, groups, now);
    tx.publish(events::SynonymsChanged{locale});
  });
  return {locale, std::move(groups), now};
}

Synonyms SynonymService::folded(const std::string& locale) {
  Synonyms out;
  auto conn = db_.acquire();
  if (const auto stored = synonym_store::find(*conn, locale))
    for (const auto& group : stored->groups) {
      auto& words = out.emplace_back();
      for (const auto& w : group) {
        std::string phrase;
        for (const auto& word : words_of(fold(w))) phrase += (phrase.empty() ? "" : " ") + word;
        words.push_back(std::move(phrase));
      }
    }
  return out;
}

}  // namespace agora::search
