// TextIndex over a Xapian (glass) database: stemmed terms weighted by field, the product id as the
// document's data and its revision as value 0, spelling data from titles and brands. Readers lease a
// Database from a pool and reopen it when the writer has committed since.
#include "engine/text_index.hpp"

#include "domain/text_fold.hpp"

#include <xapian.h>
#include <agora/core/error.hpp>

#include <algorithm>
#include <atomic>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>

namespace agora::search {
namespace {

constexpr Xapian::valueno kRevision = 0;
enum Wdf : Xapian::termcount { kDescription = 1, kCategory = 2, kBrand = 3, kTitle = 5 };

std::string stemmed(Xapian::Stem& stem, const std::string& word) { return "Z" + stem(word); }

// Documents of a sorted list of slots, as a filter: the matcher skips straight to them, and weighs
// only the matches that pass (a MatchDecider would see every match after it was weighed).
class SlotSource final : public Xapian::PostingSource {
 public:
  explicit SlotSource(const std::vector<std::uint32_t>& slots) : slots_(slots) {}
  Xapian::doccount get_termfreq_min() const override { return static_cast<Xapian::doccount>(slots_.size()); }
  Xapian::doccount get_termfreq_est() const override { return static_cast<Xapian::doccount>(slots_.size()); }
  Xapian::doccount get_termfreq_max() const override { return static_cast<Xapian::doccount>(slots_.size()); }
  void init(const Xapian::Database&) override { at_ = kBefore; }
  void next(double) override { at_ = at_ == kBefore ? 0 : at_ + 1; }
  void skip_to(Xapian::docid did, double) override {
    const auto from = slots_.begin() + static_cast<std::ptrdiff_t>(at_ == kBefore ? 0 : at_);
    at_ = static_cast<std::size_t>(std::lower_bound(from, slots_.end(), did - 1) - slots_.begin());
  }
  bool at_end() const override { return at_ != kBefore && at_ >= slots_.size(); }
  Xapian::docid get_docid() const override { return slots_[at_] + 1; }
  SlotSource* clone() const override { return new SlotSource(slots_); }
  std::string name() const override { return "agora.SlotSource"; }

 private:
  static constexpr std::size_t kBefore = SIZE_MAX;
  const std::vector<std::uint32_t>& slots_;
  std::size_t at_ = kBefore;
};

class XapianIndex final : public TextIndex {
 public:
  XapianIndex(std::string directory, std::string language)
      : directory_(std::move(directory)),
        language_(std::move(language)),
        writer_(directory_, Xapian::DB_CREATE_OR_OPEN),
        stem_(language_) {
    writer_.get_doccount();  // a corrupt database throws here, at open, not at the first search
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
    add(doc, t.title, kTitle, true);
    add(doc, t.brand, kBrand, true);
    add(doc, t.category, kCategory, false);
    add(doc, t.description, kDescription, false);
    writer_.replace_document(t.slot + 1, doc);
  }

  void remove(std::uint32_t slot) override {
    try {
      writer_.delete_document(slot + 1);
    } catch (const Xapian::DocNotFoundError&) {
    }
  }

  void commit() override {
    try {
      writer_.commit();
    } catch (const Xapian::Error& e) {
      throw Error(ErrorKind::unavailable, "the search index cannot be written: " + e.get_description());
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
    std::lock_guard lock(synonyms_mutex_);
    synonyms_ = std::move(map);
  }

  // Straight from the posting lists (no weighting, no matcher): a broad word's tens of thousands
  // of documents cost a walk down one list.
  void each_match(const std::vector<std::string>& words, std::vector<std::uint32_t>& found) override {
    const auto groups = term_groups(words);
    with_reader([&](Xapian::Database& db) {
      std::vector<Xapian::docid> all;
      for (std::size_t i = 0; i < groups.size(); ++i) {
        std::vector<Xapian::docid> any;
        for (const auto& terms : groups[i]) {
          auto docs = postings(db, terms.front());
          for (std::size_t t = 1; t < terms.size(); ++t) docs = intersection(docs, postings(db, terms[t]));
          std::vector<Xapian::docid> merged;
          std::set_union(any.begin(), any.end(), docs.begin(), docs.end(), std::back_inserter(merged));
          any.swap(merged);
        }
        all = i == 0 ? std::move(any) : intersection(all, any);
        if (all.empty()) break;
      }
      found.clear();
      found.reserve(all.size());
      for (const auto d : all) found.push_back(d - 1);
    });
  }

  std::vector<std::uint32_t> ranked(const std::vector<std::string>& words, std::size_t offset, std::size_t count,
                                    const std::vector<std::uint32_t>* only) override {
    std::vector<std::uint32_t> out;
    with_reader([&](Xapian::Database& db) {
      out.clear();
      Xapian::Enquire enquire(db);
      std::optional<SlotSource> filter;
      if (only) filter.emplace(*only);
      enquire.set_query(filter ? Xapian::Query(Xapian::Query::OP_FILTER, query(words), Xapian::Query(&*filter))
                               : query(words));
      const auto mset = enquire.get_mset(static_cast<Xapian::doccount>(offset), static_cast<Xapian::doccount>(count));
      for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(*it - 1);
    });
    return out;
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

  void add(Xapian::Document& doc, const std::string& text, Xapian::termcount wdf, bool spelling) {
    for (const auto& word : words_of(text)) {
      if (word.size() > 64) continue;  // Xapian's term length limit is 245 bytes; a word this long is noise
      doc.add_term(stemmed(stem_, word), wdf);
      if (spelling) writer_.add_spelling(word);
    }
  }

  // Per word, its alternatives (itself, then each synonym), each the terms that must all match.
  using TermGroups = std::vector<std::vector<std::vector<std::string>>>;
  TermGroups term_groups(const std::vector<std::string>& words) {
    std::shared_ptr<const std::map<std::string, std::vector<std::string>>> synonyms;
    {
      std::lock_guard lock(synonyms_mutex_);
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

  Xapian::Query query(const std::vector<std::string>& words) {
    if (words.empty()) return Xapian::Query::MatchAll;
    std::vector<Xapian::Query> all;
    for (const auto& alternatives : term_groups(words)) {
      std::vector<Xapian::Query> any;
      for (const auto& terms : alternatives) any.emplace_back(Xapian::Query::OP_AND, terms.begin(), terms.end());
      all.emplace_back(Xapian::Query::OP_OR, any.begin(), any.end());
    }
    return Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
  }

  static std::vector<Xapian::docid> postings(Xapian::Database& db, const std::string& term) {
    std::vector<Xapian::docid> out;
    out.reserve(db.get_termfreq(term));
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) out.push_back(*it);
    return out;
  }

  static std::vector<Xapian::docid> intersection(const std::vector<Xapian::docid>& a,
                                                 const std::vector<Xapian::docid>& b) {
    std::vector<Xapian::docid> out;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
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
  std::mutex synonyms_mutex_;
  std::shared_ptr<const std::map<std::string, std::vector<std::string>>> synonyms_;
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
