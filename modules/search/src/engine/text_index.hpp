#pragma once
// One locale's full-text index, behind the one interface the module uses: a deployment that outgrows
// a local index could implement it over an OpenSearch cluster. Documents are numbered by the
// product table's slots. Writes come from one thread (the indexer); reads from any.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace agora::search {

// What one locale's index holds of a product; texts already folded (see text_fold.hpp).
struct IndexedText {
  std::uint32_t slot = 0;
  std::string product_id;
  std::int64_t revision = 0;
  std::string title;        // weighs most
  std::string brand;        // then these
  std::string category;     // the category's name and its ancestors'
  std::string description;  // and the description and attribute values least
};

// What the index already holds of a product (to resume from it at start).
struct StoredText {
  std::uint32_t slot = 0;
  std::string product_id;
  std::int64_t revision = 0;
};

// A slot a query matched, and how well: BM25 over its terms, each field weighted.
struct TextMatch {
  std::uint32_t slot = 0;
  float relevance = 0;
};

// Words of a query, folded; groups of words that mean the same (synonyms) expand each other.
using Synonyms = std::vector<std::vector<std::string>>;

class TextIndex {
 public:
  virtual ~TextIndex() = default;

  // Writer side.
  virtual void put(const IndexedText& text) = 0;  // replaces what the slot held
  virtual void remove(std::uint32_t slot) = 0;
  virtual void commit() = 0;  // readers see the changes from here on
  virtual std::vector<StoredText> stored() = 0;
  virtual void set_synonyms(const Synonyms& groups) = 0;  // any thread; effective at once

  // Reader side. `words` are folded query words; every one must match (by stem, or a synonym's).
  // Every matching slot, in slot order, with its relevance (higher ranks first), into `found`.
  virtual void each_match(const std::vector<std::string>& words, std::vector<TextMatch>& found) = 0;
  // Each word, or the indexed word it was most likely a misspelling of.
  virtual std::vector<std::string> corrected(const std::vector<std::string>& words) = 0;
};

// Opens (creating when absent) the index of `language` (a Snowball stemmer name) in `directory`;
// throws when it exists but cannot be read (corrupt): the caller rebuilds it.
std::unique_ptr<TextIndex> open_text_index(const std::string& directory, const std::string& language);

}  // namespace agora::search
