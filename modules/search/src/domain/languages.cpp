#include "domain/languages.hpp"

#include <array>
#include <utility>

namespace agora::search {
namespace {

std::string_view language_of(std::string_view locale) { return locale.substr(0, locale.find_first_of("-_")); }

}  // namespace

std::string stemmer_language(std::string_view locale) {
  // Xapian 1.4's Snowball stemmers, by ISO 639-1 code.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 19> kStemmers{{
      {"ar", "arabic"},     {"da", "danish"},     {"de", "german"},    {"en", "english"},   {"es", "spanish"},
      {"eu", "basque"},     {"fi", "finnish"},    {"fr", "french"},    {"hu", "hungarian"}, {"hy", "armenian"},
      {"it", "italian"},    {"lt", "lithuanian"}, {"nb", "norwegian"}, {"nl", "dutch"},     {"no", "norwegian"},
      {"pt", "portuguese"}, {"ro", "romanian"},   {"ru", "russian"},   {"sv", "swedish"},
  }};
  const auto language = language_of(locale);
  for (const auto& [code, name] : kStemmers)
    if (code == language) return std::string(name);
  if (language == "tr") return "turkish";
  return {};
}

const std::string& pick_locale(const std::vector<std::string>& indexed, std::string_view wanted) {
  for (const auto& l : indexed)
    if (l == wanted) return l;
  const auto language = language_of(wanted);
  for (const auto& l : indexed)
    if (l == language) return l;
  for (const auto& l : indexed)
    if (language_of(l) == language) return l;
  return indexed.front();
}

const catalog::LocalizedText& text_in(const catalog::ProductDocument& product, std::string_view locale) {
  for (const auto& t : product.texts)
    if (t.locale == locale) return t;
  const auto language = language_of(locale);
  for (const auto& t : product.texts)
    if (language_of(t.locale) == language) return t;
  return product.texts.front();
}

}  // namespace agora::search
