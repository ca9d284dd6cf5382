#pragma once
// Which language's rules read a locale's text, and which indexed locale answers a query's. Pure.
#include <agora/catalog/api.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace agora::search {

// The Snowball stemmer for a locale ("de-CH" -> "german"); "" when none is known.
std::string stemmer_language(std::string_view locale);

// The locale of `indexed` that answers `wanted`: itself, else its language ("de" for "de-CH"), else
// a locale of the same language, else the first. `indexed` is not empty.
const std::string& pick_locale(const std::vector<std::string>& indexed, std::string_view wanted);

// A product's text for a locale: that locale's, else its language's, else the product's default.
const catalog::LocalizedText& text_in(const catalog::ProductDocument& product, std::string_view locale);

}  // namespace agora::search
