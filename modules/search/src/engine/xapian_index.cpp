// TextIndex over a Xapian (glass) database: stemmed terms weighted by field, the product id as the
// document's data and its revision as value 0, spelling data from titles and brands. Readers lease a
// Database from a pool and reopen it when the writer has committed since. A query's matches are
// read from the posting lists and weighed there (BM25, as Xapian's matcher would with its default
// parameters) with document lengths held in memory: one pass, where the matcher was a second one
// over every match of a broad word.
#include "engine/text_index.hpp"

#include "domain/text_fold.hpp"

#include <xapian.h>
#include <agora/core/error.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <mutex>
#include <unordered_map>

namespace agora::search {
namespace {

constexpr Xapian::valueno kRevision = 0;
enum Wdf : Xapian::termcount { kDescription = 1, kCategory = 2, kBrand = 3, kTitle = 5 };

std::string stemmed(Xapian::Stem& stem, const std::string& word) { return "Z" + stem(word); }

// BM25 with Xapian's default parameters (k1 = 1, b = 0.5, lengths below half the average count as
// half): a term's part of a document's weight.
struct Bm25 {
  double idf = 0;
  double average_length = 1;
  float weigh(Xapian::termcount wdf, std::uint32_t length) const {
    const double norm = std::max(length / average_length, 0.5);
    return static_cast<float>(idf * 2.0 * wdf / (0.5 + 0.5 * norm + wdf));
  }
};

using Scored = std::vector<TextMatch>;  // by slot

// Matches in both, their relevance added.
Scored both(const Scored& a, const Scored& b) {
  Scored out;
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (i->slot < j->slot) {
      ++i;
    } else if (j->slot < i->slot) {
      ++j;
    } else {
      out.push_back({i->slot, i->relevance + j->relevance});
      ++i, ++j;
    }
  }
  return out;
}

// Matches in either, the relevance of one in both added.
Scored either(const Scored& a, const Scored& b) {
  Scored out;
  out.reserve(std::max(a.size(), b.size()));
  auto i = a.begin(), j = b.begin();
  while (i != a.end() || j != b.end()) {
    if (j == b.end() || (i != a.end() && i->slot < j->slot)) {
      out.push_back(*i++);
    } else if (i == a.end() || j->slot < i->slot) {
      out.push_back(*j++);
    } else {
      out.push_back({i->slot, i->relevance + j->relevance});
      ++i, ++j;
    }
  }
  return out;
}

class XapianIndex final : public TextIndex {
 public:
  XapianIndex(std::string directory, std::string language)
      : directory_(std::move(directory)),
        language_(std::move(language)),
        writer_(directory_, Xapian::DB_CREATE_OR_OPEN),
        stem_(language_) {
    writer_.get_doccount();  // a corrupt database throws here, at open, not at the first search
    auto lengths = std::make_shared<std::vector<std::uint32_t>>();
    for (auto it = writer_.postlist_begin(""); it != writer_.postlist_end(""); ++it) {
      if (*it > lengths->size()) lengths->resize(*it);
      (*lengths)[*it - 1] = it.get_doclength();
    }
    lengths_ = std::move(lengths);
  }

  void put(const IndexedText& t) override {
    try {
      write(t);
    } catch (const Xapian::Error& e) {
      throw Error(ErrorKind::unavailable, "the search index cannot be written: " + e.get_description());
    }
  }

  void write(const IndexedText& t) {
    Xapian::Document doc;
    doc.set_data(t.product_id);
    doc.add_boolean_term("Q" + t.product_id);
    doc.add_value(kRevision, std::to_string(t.revision));
    const auto length = add(doc, t.title, kTitle, true) + add(doc, t.brand, kBrand, true) +
                        add(doc, t.category, kCategory, false) + add(doc, t.description, kDescription, false);
    writer_.replace_document(t.slot + 1, doc);
    unpublished_lengths_[t.slot] = length;
  }

  void remove(std::uint32_t slot) override {
    try {
      writer_.delete_document(slot + 1);
    } catch (const Xapian::DocNotFoundError&) {
    }
    unpublished_lengths_[slot] = 0;
  }

  void commit() override {
    try {
      writer_.commit();
    } catch (const Xapian::Error& e) {
      throw Error(ErrorKind::unavailable, "the search index cannot be written: " + e.get_description());
    }
    if (!unpublished_lengths_.empty()) {
      auto lengths = std::make_shared<std::vector<std::uint32_t>>(*published_lengths());
      for (const auto& [slot, length] : unpublished_lengths_) {
        if (slot >= lengths->size()) lengths->resize(slot + 1);
        (*lengths)[slot] = length;
      }
      unpublished_lengths_.clear();
      std::lock_guard lock(shared_mutex_);
      lengths_ = std::move(lengths);
    }
    commits_.fetch_add(1, std::memory_order_release);
  }

  std::vector<StoredText> stored() override {
    std::vector<StoredText> out;
    writer_.reopen();
    for (auto it = writer_.postlist_begin(""); it != writer_.postlist_end(""); ++it) {
      const auto doc = writer_.get_document(*it);
      out.push_back({*it - 1, doc.get_data(), std::stoll("0" + doc.get_value(kRevision))});
    }
    return out;
  }

  void set_synonyms(const Synonyms& groups) override {
    auto map = std::make_shared<std::map<std::string, std::vector<std::string>>>();
    for (const auto& group : groups)
      for (const auto& word : group)
        for (const auto& other : group)
          if (other != word) (*map)[word].push_back(other);
    std::lock_guard lock(shared_mutex_);
    synonyms_ = std::move(map);
  }

  // Straight from the posting lists, no matcher: a broad word's tens of thousands of documents cost
  // a walk down one list.
  void each_match(const std::vector<std::string>& words, std::vector<TextMatch>& found) override {
    auto groups = term_groups(words);
    const auto lengths = published_lengths();
    with_reader([&](Xapian::Database& db) {
      // Rarest first: what the first words matched is all the next ones need to look at.
      const auto frequency = [&](const std::string& term) { return db.get_termfreq(term); };
      std::vector<std::pair<Xapian::doccount, std::size_t>> order;  // a group's most matches, the group
      for (std::size_t i = 0; i < groups.size(); ++i) {
        Xapian::doccount most = 0;
        for (auto& terms : groups[i]) {
          std::sort(terms.begin(), terms.end(),
                    [&](const std::string& a, const std::string& b) { return frequency(a) < frequency(b); });
          most += frequency(terms.front());
        }
        order.emplace_back(most, i);
      }
      std::sort(order.begin(), order.end());
      Scored all;
      for (std::size_t k = 0; k < order.size(); ++k) {
        const Scored* within = k == 0 ? nullptr : &all;
        Scored any;
        for (const auto& terms : groups[order[k].second]) {
          auto docs = postings(db, terms.front(), *lengths, within);
          for (std::size_t t = 1; t < terms.size() && !docs.empty(); ++t)
            docs = both(docs, postings(db, terms[t], *lengths, &docs));
          any = either(any, docs);
        }
        all = k == 0 ? std::move(any) : both(all, any);
        if (all.empty()) break;
      }
      found = std::move(all);
    });
  }

  std::vector<std::string> corrected(const std::vector<std::string>& words) override {
    std::vector<std::string> out;
    with_reader([&](Xapian::Database& db) {
      out.clear();
      Xapian::Stem stem(language_);
      for (const auto& w : words) {
        if (db.get_termfreq(stemmed(stem, w)) > 0) {
          out.push_back(w);
          continue;
        }
        auto better = db.get_spelling_suggestion(w, w.size() > 5 ? 2 : 1);
        out.push_back(better.empty() ? w : better);
      }
    });
    return out;
  }

 private:
  struct Lease {
    std::unique_ptr<Xapian::Database> db;
    std::uint64_t seen = 0;  // commits_ when it was last reopened
  };

  // Adds the words of a field; returns what they add to the document's length.
  std::uint32_t add(Xapian::Document& doc, const std::string& text, Xapian::termcount wdf, bool spelling) {
    std::uint32_t length = 0;
    for (const auto& word : words_of(text)) {
      if (word.size() > 64) continue;  // Xapian's term length limit is 245 bytes; a word this long is noise
      doc.add_term(stemmed(stem_, word), wdf);
      length += wdf;
      if (spelling) writer_.add_spelling(word);
    }
    return length;
  }

  // Per word, its alternatives (itself, then each synonym), each the terms that must all match.
  using TermGroups = std::vector<std::vector<std::vector<std::string>>>;
  TermGroups term_groups(const std::vector<std::string>& words) {
    std::shared_ptr<const std::map<std::string, std::vector<std::string>>> synonyms;
    {
      std::lock_guard lock(shared_mutex_);
      synonyms = synonyms_;
    }
    Xapian::Stem stem(language_);
    TermGroups groups;
    for (const auto& w : words) {
      auto& alternatives = groups.emplace_back();
      alternatives.push_back({stemmed(stem, w)});
      if (synonyms)
        if (const auto it = synonyms->find(w); it != synonyms->end())
          for (const auto& s : it->second) {
            auto& terms = alternatives.emplace_back();
            for (const auto& part : words_of(s)) terms.push_back(stemmed(stem, part));
          }
    }
    return groups;
  }

  // A term's documents, each weighed for the term; only those `within` when given (found by skipping
  // down the list to each of them, not by reading all of it).
  static Scored postings(Xapian::Database& db, const std::string& term, const std::vector<std::uint32_t>& lengths,
                         const Scored* within) {
    Scored out;
    const auto n = db.get_termfreq(term);
    if (n == 0) return out;
    const double documents = db.get_doccount();
    const Bm25 weight{.idf = std::log(1 + (documents - n + 0.5) / (n + 0.5)),
                      .average_length = std::max(db.get_avlength(), 1.0)};
    const auto found = [&](const Xapian::PostingIterator& it) {
      const auto slot = *it - 1;
      out.push_back({slot, weight.weigh(it.get_wdf(), slot < lengths.size() ? lengths[slot] : 0)});
    };
    const auto end = db.postlist_end(term);
    if (!within) {
      out.reserve(n);
      for (auto it = db.postlist_begin(term); it != end; ++it) found(it);
      return out;
    }
    auto it = db.postlist_begin(term);
    for (const auto& candidate : *within) {
      it.skip_to(candidate.slot + 1);
      if (it == end) break;
      if (*it == candidate.slot + 1) found(it);
    }
    return out;
  }

  std::shared_ptr<const std::vector<std::uint32_t>> published_lengths() {
    std::lock_guard lock(shared_mutex_);
    return lengths_;
  }

  // Runs `read` on a leased database, reopened once when the writer moved on under it. Xapian's
  // errors are not std::exceptions: they leave as Error{unavailable}.
  template <class F>
  void with_reader(F&& read) {
    try {
      read_leased(read);
    } catch (const Xapian::Error& e) {
      throw Error(ErrorKind::unavailable, "the search index cannot be read: " + e.get_description());
    }
  }
  template <class F>
  void read_leased(F& read) {
    Lease lease;
    {
      std::lock_guard lock(pool_mutex_);
      if (!pool_.empty()) {
        lease = std::move(pool_.back());
        pool_.pop_back();
      }
    }
    const auto commits = commits_.load(std::memory_order_acquire);
    if (!lease.db) {
      lease.db = std::make_unique<Xapian::Database>(directory_);
      lease.seen = commits;
    } else if (lease.seen != commits) {
      lease.db->reopen();
      lease.seen = commits;
    }
    try {
      read(*lease.db);
    } catch (const Xapian::DatabaseModifiedError&) {
      lease.db->reopen();
      read(*lease.db);
    }
    std::lock_guard lock(pool_mutex_);
    pool_.push_back(std::move(lease));
  }

  std::string directory_;
  std::string language_;
  Xapian::WritableDatabase writer_;
  Xapian::Stem stem_;  // the writer's
  std::atomic<std::uint64_t> commits_{0};
  std::mutex pool_mutex_;
  std::vector<Lease> pool_;
  std::unordered_map<std::uint32_t, std::uint32_t> unpublished_lengths_;  // the writer's, by slot, until commit
  std::mutex shared_mutex_;                                               // guards the two below
  std::shared_ptr<const std::map<std::string, std::vector<std::string>>> synonyms_;
  std::shared_ptr<const std::vector<std::uint32_t>> lengths_;  // documents' lengths by slot, as committed
};

}  // namespace

std::unique_ptr<TextIndex> open_text_index(const std::string& directory, const std::string& language) {
  try {
    return std::make_unique<XapianIndex>(directory, language);
  } catch (const Xapian::Error& e) {
    throw std::runtime_error("search index " + directory + " cannot be opened: " + e.get_description());
  }
}

}  // namespace agora::search
