#pragma once
// What filters, facets and sorts read of every indexed product, held in memory by slot (the text
// index's document number): a broad query counts facets over tens of thousands of matches without
// reading a stored document. Written by the indexer, read by searches under a writer-first lock.
#include "app/rw_lock.hpp"

#include <agora/catalog/api.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace agora::search {

inline constexpr std::uint32_t kNoTerm = UINT32_MAX;
inline constexpr std::uint32_t kNoSlot = UINT32_MAX;
inline constexpr std::int64_t kUnpriced = INT64_MIN;  // not listed in that currency

enum class TermKind : std::uint8_t { brand, category, attribute };

// What filters and facets read of a product, in one cache line: a broad search reads it for tens of
// thousands of products (they stood in a larger struct at first, and a search waited on memory).
struct alignas(64) Row {
  static constexpr std::size_t kInline = 13;
  std::uint32_t brand = kNoTerm;  // term ids
  std::uint32_t category = kNoTerm;
  bool live = false;
  bool in_stock = false;
  std::uint8_t attribute_count = 0;        // inline; kInline: more in Entry::more_attributes
  std::uint32_t attributes[kInline] = {};  // attribute and variant option terms, sorted
};
static_assert(sizeof(Row) == 64);

// The rest: what sorts and a page's items read.
struct Entry {
  std::int64_t rating_key = 0;  // average x 1000 in the high half, count in the low: one sort key
  std::int64_t created_ms = 0;
  std::shared_ptr<const catalog::ProductDocument> doc;
  std::vector<std::uint32_t> more_attributes;  // past Row::kInline
};

class ProductTable {
 public:
  // Writer side: the indexer's thread.
  std::uint32_t slot_of(std::string_view product_id) const;  // kNoSlot when not held
  // The revision of the product the slot holds, and its id; nullopt for an empty slot.
  std::optional<std::pair<std::string, std::int64_t>> held_at(std::uint32_t slot) const;
  // The product's slot (a new one when not held yet): the text index stores it under that number.
  std::uint32_t assign(const std::string& product_id);
  // Same slot: assign() at a number the text index already used for this product.
  void assign_at(std::uint32_t slot, const std::string& product_id);
  // Products at their slots, under one lock: searches wait for a batch once, not per product.
  using Puts = std::vector<std::pair<std::uint32_t, std::shared_ptr<const catalog::ProductDocument>>>;
  void put(Puts products);
  void remove(std::uint32_t slot);  // the slot is free for another product
  // Stock of some SKUs changed (available > 0: in stock).
  void set_stock(const std::vector<std::pair<std::string, bool>>& in_stock);
  std::vector<std::string> currencies() const;  // the price columns held
  // Prices of these slots in `currency` (a new column fills every slot it is not given as kUnpriced).
  void set_prices(const std::string& currency, const std::vector<std::pair<std::uint32_t, std::int64_t>>& prices);
  std::vector<std::pair<std::uint32_t, std::string>> live_products() const;  // slot, product id
  std::size_t live_count() const;
  std::vector<std::string> live_skus() const;
  std::vector<std::uint32_t> slots_in_categories(const std::vector<std::string>& category_ids) const;

  // Reader side: everything below under one shared lock.
  class Reader {
   public:
    explicit Reader(const ProductTable& table) : table_(table), lock_(table.lock_) {}
    const std::vector<Row>& rows() const { return table_.rows_; }
    const std::vector<Entry>& entries() const { return table_.entries_; }
    template <class F>
    void each_attribute(std::uint32_t slot, F&& f) const {
      const auto& r = table_.rows_[slot];
      for (std::uint8_t i = 0; i < r.attribute_count; ++i) f(r.attributes[i]);
      if (r.attribute_count == Row::kInline)
        for (const auto t : table_.entries_[slot].more_attributes) f(t);
    }
    const std::vector<std::int64_t>* prices(std::string_view currency) const;  // null: no such column yet
    std::uint32_t term(TermKind kind, std::string_view text) const;            // kNoTerm when unknown
    std::uint32_t attribute(std::string_view name, std::string_view value) const;
    const std::string& term_text(std::uint32_t term) const { return table_.terms_[term].text; }
    // An attribute term's name and value; a name id is attribute_name()'s index.
    std::uint32_t attribute_name_of(std::uint32_t term) const { return table_.term_names_[term]; }
    TermKind kind_of(std::uint32_t term) const { return table_.terms_[term].kind; }
    const std::string& attribute_name(std::uint32_t name) const { return table_.attribute_names_[name]; }
    std::uint32_t attribute_name_id(std::string_view name) const;  // kNoTerm when unknown
    std::size_t term_count() const { return table_.terms_.size(); }
    std::size_t attribute_name_count() const { return table_.attribute_names_.size(); }

   private:
    const ProductTable& table_;
    std::shared_lock<RwLock> lock_;
  };

 private:
  struct Term {
    std::string text;              // brand, category id, or an attribute's value
    std::uint32_t name = kNoTerm;  // an attribute's name id
    TermKind kind = TermKind::brand;
  };
  std::uint32_t intern(TermKind kind, std::string_view text, std::uint32_t name = kNoTerm);  // under the lock
  static std::string term_key(TermKind kind, std::string_view text, std::uint32_t name);
  bool stocked(const catalog::ProductDocument& doc) const;
  void grow(std::uint32_t slot);
  void put_one(std::uint32_t slot, std::shared_ptr<const catalog::ProductDocument> doc);  // under the lock

  mutable RwLock lock_;
  std::vector<Row> rows_;                  // by slot
  std::vector<Entry> entries_;             // by slot
  std::vector<std::uint32_t> term_names_;  // Term::name by term, compact: facets read it per product
  std::vector<std::uint32_t> free_;
  std::size_t live_ = 0;                                  // rows live
  std::unordered_map<std::string, std::uint32_t> slots_;  // by product id, live or assigned
  std::unordered_map<std::string, std::uint32_t> slot_by_sku_;
  std::unordered_map<std::string, bool> in_stock_;  // by SKU
  std::vector<Term> terms_;
  std::unordered_map<std::string, std::uint32_t> term_ids_;
  std::vector<std::string> attribute_names_;
  std::unordered_map<std::string, std::uint32_t> attribute_name_ids_;
  std::map<std::string, std::vector<std::int64_t>, std::less<>> prices_;  // by currency, by slot
};

}  // namespace agora::search
