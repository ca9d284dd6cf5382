#pragma once
// Completions as a shopper types: phrases (product titles, brands, categories, popular searches)
// whose words start with the words typed, best-weighted first; a last word that starts no known
// word is read as its closest known word (one typo). Built whole, then only read. Pure.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace agora::search {

struct Phrase {
  std::string text;  // as shown
  std::string kind;  // product, brand, category, query
  std::string ref;   // the product's or category's id; "" for the others
  std::int64_t weight = 0;
};

class SuggestionIndex {
 public:
  SuggestionIndex() = default;
  explicit SuggestionIndex(std::vector<Phrase> phrases);

  // Up to `limit` phrases for folded `typed`, each text once.
  std::vector<const Phrase*> complete(std::string_view typed, std::size_t limit) const;
  std::size_t size() const { return phrases_.size(); }

 private:
  // Phrases with a word starting with `prefix`, best first: for a short prefix only the best few
  // (ending in kMore when there are others) unless `all`.
  std::vector<std::uint32_t> candidates(const std::string& prefix, bool all) const;
  static constexpr std::uint32_t kMore = UINT32_MAX;
  std::vector<const Phrase*> matching(const std::vector<std::string>& words, std::size_t limit) const;
  std::string closest_word(const std::string& typed) const;  // "" when none is one edit away

  std::vector<Phrase> phrases_;                  // best weight first
  std::vector<std::vector<std::string>> words_;  // each phrase's folded words
  // (word, phrase) for every word of every phrase, by word then phrase (so best first).
  std::vector<std::pair<std::string, std::uint32_t>> postings_;
  std::map<std::string, std::vector<std::uint32_t>, std::less<>> short_prefixes_;  // 1-2 letters: best phrases
  std::vector<std::pair<std::string, std::int64_t>> vocabulary_;  // distinct words, sorted, with their weight
};

// Edits (insert, delete, substitute, swap two neighbours) from `a` to the nearest prefix of `b`.
std::size_t prefix_distance(std::string_view a, std::string_view b);

}  // namespace agora::search
