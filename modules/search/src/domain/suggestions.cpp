#include "domain/suggestions.hpp"

#include "domain/text_fold.hpp"

#include <algorithm>
#include <set>

namespace agora::search {
namespace {

constexpr std::size_t kShortTop = 64;  // phrases kept per prefix of up to kShortLength letters
constexpr std::size_t kShortLength = 3;
constexpr std::size_t kMaxCandidates = 20000;  // postings read for one prefix

bool any_word_starts(const std::vector<std::string>& words, std::string_view prefix) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return w.starts_with(prefix); });
}

}  // namespace

std::size_t prefix_distance(std::string_view a, std::string_view b) {
  // Damerau-Levenshtein (optimal string alignment) of a against every prefix of b; the best one.
  const auto n = a.size(), m = std::min(b.size(), a.size() + 2);
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i)
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  std::size_t best = d[n][0];
  for (std::size_t j = 0; j <= m; ++j) best = std::min(best, d[n][j]);
  return best;
}

SuggestionIndex::SuggestionIndex(std::vector<Phrase> phrases) : phrases_(std::move(phrases)) {
  std::stable_sort(phrases_.begin(), phrases_.end(),
                   [](const Phrase& a, const Phrase& b) { return a.weight > b.weight; });
  words_.reserve(phrases_.size());
  std::map<std::string, std::int64_t> vocabulary;
  for (std::uint32_t i = 0; i < phrases_.size(); ++i) {
    auto words = words_of(fold(phrases_[i].text));
    std::set<std::string> distinct(words.begin(), words.end());
    for (const auto& w : distinct) {
      postings_.emplace_back(w, i);
      vocabulary[w] += phrases_[i].weight + 1;
      for (std::size_t len = 1; len <= kShortLength && len <= w.size(); ++len) {
        auto& top = short_prefixes_[w.substr(0, len)];
        if (top.size() < kShortTop && (top.empty() || top.back() != i)) top.push_back(i);
      }
    }
    words_.push_back(std::move(words));
  }
  std::sort(postings_.begin(), postings_.end());
  vocabulary_.assign(vocabulary.begin(), vocabulary.end());
}

std::vector<std::uint32_t> SuggestionIndex::candidates(const std::string& prefix, bool all) const {
  if (!all && prefix.size() <= kShortLength) {
    const auto it = short_prefixes_.find(prefix);
    if (it == short_prefixes_.end()) return {};
    if (it->second.size() < kShortTop) return it->second;  // every phrase there is
    auto out = it->second;
    out.push_back(kMore);
    return out;
  }
  std::vector<std::uint32_t> out;
  auto it = std::lower_bound(postings_.begin(), postings_.end(), std::pair<std::string, std::uint32_t>(prefix, 0));
  for (; it != postings_.end() && it->first.starts_with(prefix) && out.size() < kMaxCandidates; ++it)
    out.push_back(it->second);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<const Phrase*> SuggestionIndex::matching(const std::vector<std::string>& words, std::size_t limit) const {
  // Candidates from the longest word typed (the fewest), checked against the others.
  const auto& longest = *std::max_element(
      words.begin(), words.end(), [](const std::string& a, const std::string& b) { return a.size() < b.size(); });
  std::vector<const Phrase*> out;
  std::set<std::string> shown;  // folded: "Rain jacket" and "rain jacket" are one suggestion
  auto found = candidates(longest, false);
  if (!found.empty() && found.back() == kMore) {
    found.pop_back();
    // The best few phrases of a short prefix may all miss the other words typed: read them all then.
    const auto enough = std::count_if(found.begin(), found.end(), [&](std::uint32_t i) {
      return std::all_of(words.begin(), words.end(),
                         [&](const std::string& w) { return any_word_starts(words_[i], w); });
    });
    if (static_cast<std::size_t>(enough) < limit) found = candidates(longest, true);
  }
  for (const auto i : found) {  // best weight first: phrases are sorted so
    const bool all =
        std::all_of(words.begin(), words.end(), [&](const std::string& w) { return any_word_starts(words_[i], w); });
    if (!all || !shown.insert(fold(phrases_[i].text)).second) continue;
    out.push_back(&phrases_[i]);
    if (out.size() == limit) break;
  }
  return out;
}

std::string SuggestionIndex::closest_word(const std::string& typed) const {
  if (typed.size() < 3) return {};
  // Words that share the first letter (typos there are rare), nearest then most used.
  const std::string first = typed.substr(0, 1);
  auto it = std::lower_bound(vocabulary_.begin(), vocabulary_.end(), std::pair<std::string, std::int64_t>(first, 0));
  std::string best;
  std::int64_t best_weight = -1;
  for (; it != vocabulary_.end() && it->first.starts_with(first); ++it) {
    if (it->first.size() + 1 < typed.size()) continue;
    if (prefix_distance(typed, it->first) <= 1 && it->second > best_weight) {
      best = it->first;
      best_weight = it->second;
    }
  }
  return best;
}

std::vector<const Phrase*> SuggestionIndex::complete(std::string_view typed, std::size_t limit) const {
  auto words = words_of(fold(typed));
  if (words.empty() || phrases_.empty() || limit == 0) return {};
  if (words.size() > 8) words.resize(8);
  auto out = matching(words, limit);
  if (!out.empty()) return out;
  const auto closest = closest_word(words.back());
  if (closest.empty()) return out;
  words.back() = closest;
  return matching(words, limit);
}

}  // namespace agora::search
