#pragma once
// Locales as templates are chosen by them: which texts are well formed ("en", "de-AT"), and the
// locales tried in turn for a wanted one, as the catalog falls back for its texts.
#include <string>
#include <string_view>
#include <vector>

namespace agora::notification {

// A language of 2 or 3 lower-case letters, then optional subtags ("de-AT", "zh-Hant-TW"); 35 at most.
bool valid_locale(std::string_view locale);

// The locale itself, then its language ("de" for "de-AT"), then the shop's default; each once.
std::vector<std::string> locale_chain(std::string_view wanted, std::string_view default_locale);

}  // namespace agora::notification
