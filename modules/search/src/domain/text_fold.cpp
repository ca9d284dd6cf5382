#include "domain/text_fold.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace agora::search {

std::string fold(std::string_view text) {
  const bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; });
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  const auto* nfd = icu::Normalizer2::getNFDInstance(status);
  const auto source = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString decomposed = U_SUCCESS(status) ? nfd->normalize(source, status) : source;
  if (U_FAILURE(status)) decomposed = source;
  icu::UnicodeString kept;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    kept.append(u_tolower(c));
  }
  std::string out;
  kept.toUTF8String(out);
  return out;
}

std::vector<std::string> words_of(std::string_view folded) {
  std::vector<std::string> words;
  std::string word;
  const auto* s = reinterpret_cast<const uint8_t*>(folded.data());
  const auto n = static_cast<int32_t>(folded.size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    if (c >= 0 && (u_isalnum(c) || u_charType(c) == U_COMBINING_SPACING_MARK)) {
      word.append(folded.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

}  // namespace agora::search
