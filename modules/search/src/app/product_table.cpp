#include "app/product_table.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>

namespace agora::search {

std::uint32_t ProductTable::slot_of(std::string_view product_id) const {
  std::shared_lock lock(lock_);
  const auto it = slots_.find(std::string(product_id));
  return it == slots_.end() ? kNoSlot : it->second;
}

std::optional<std::pair<std::string, std::int64_t>> ProductTable::held_at(std::uint32_t slot) const {
  std::shared_lock lock(lock_);
  if (slot >= entries_.size() || !entries_[slot].doc) return std::nullopt;
  return std::pair(entries_[slot].doc->id, entries_[slot].doc->revision);
}

void ProductTable::grow(std::uint32_t slot) {
  if (slot < entries_.size()) return;
  entries_.resize(slot + 1);
  rows_.resize(slot + 1);
  for (auto& [currency, column] : prices_) column.resize(slot + 1, kUnpriced);
}

std::uint32_t ProductTable::assign(const std::string& product_id) {
  std::unique_lock lock(lock_);
  if (const auto it = slots_.find(product_id); it != slots_.end()) return it->second;
  std::uint32_t slot = 0;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(entries_.size());
  }
  grow(slot);
  slots_.emplace(product_id, slot);
  return slot;
}

void ProductTable::assign_at(std::uint32_t slot, const std::string& product_id) {
  std::unique_lock lock(lock_);
  grow(slot);
  slots_.emplace(product_id, slot);
  std::erase(free_, slot);
}

std::string ProductTable::term_key(TermKind kind, std::string_view text, std::uint32_t name) {
  std::string key(1, static_cast<char>('0' + static_cast<int>(kind)));
  if (name != kNoTerm) key += std::to_string(name) + '=';
  key += text;
  return key;
}

std::uint32_t ProductTable::intern(TermKind kind, std::string_view text, std::uint32_t name) {
  auto [it, added] = term_ids_.try_emplace(term_key(kind, text, name), static_cast<std::uint32_t>(terms_.size()));
  if (added) {
    terms_.push_back({std::string(text), name, kind});
    term_names_.push_back(name);
  }
  return it->second;
}

bool ProductTable::stocked(const catalog::ProductDocument& doc) const {
  return std::any_of(doc.skus.begin(), doc.skus.end(), [&](const std::string& sku) {
    const auto it = in_stock_.find(sku);
    return it != in_stock_.end() && it->second;
  });
}

void ProductTable::put(Puts products) {
  std::unique_lock lock(lock_);
  for (auto& [slot, doc] : products) put_one(slot, std::move(doc));
}

void ProductTable::put_one(std::uint32_t slot, std::shared_ptr<const catalog::ProductDocument> doc) {
  grow(slot);
  auto& e = entries_[slot];
  if (e.doc)
    for (const auto& sku : e.doc->skus)
      if (const auto it = slot_by_sku_.find(sku); it != slot_by_sku_.end() && it->second == slot)
        slot_by_sku_.erase(it);
  for (const auto& sku : doc->skus) slot_by_sku_[sku] = slot;
  auto& r = rows_[slot];
  live_ += r.live ? 0 : 1;
  r.live = true;
  r.brand = doc->brand.empty() ? kNoTerm : intern(TermKind::brand, doc->brand);
  r.category = doc->category_id.empty() ? kNoTerm : intern(TermKind::category, doc->category_id);
  std::vector<std::uint32_t> attributes;
  // A variant's options filter and count like the product's attributes: size=M finds what comes in M.
  auto pairs = doc->attributes;
  pairs.insert(pairs.end(), doc->options.begin(), doc->options.end());
  for (const auto& [name, value] : pairs) {
    auto [it, added] = attribute_name_ids_.try_emplace(name, static_cast<std::uint32_t>(attribute_names_.size()));
    if (added) attribute_names_.push_back(name);
    attributes.push_back(intern(TermKind::attribute, value, it->second));
  }
  std::sort(attributes.begin(), attributes.end());
  attributes.erase(std::unique(attributes.begin(), attributes.end()), attributes.end());
  r.attribute_count = static_cast<std::uint8_t>(std::min(attributes.size(), Row::kInline));
  std::copy_n(attributes.begin(), r.attribute_count, r.attributes);
  e.more_attributes.assign(attributes.begin() + r.attribute_count, attributes.end());
  const auto milli = static_cast<std::int64_t>(std::llround(doc->rating_average * 1000));
  e.rating_key = (milli << 32) | static_cast<std::int64_t>(std::max(doc->rating_count, 0));
  e.created_ms = std::chrono::duration_cast<std::chrono::milliseconds>(doc->created_at.time_since_epoch()).count();
  r.in_stock = stocked(*doc);
  e.doc = std::move(doc);
}

void ProductTable::remove(std::uint32_t slot) {
  std::unique_lock lock(lock_);
  if (slot >= entries_.size()) return;
  auto& e = entries_[slot];
  if (e.doc) {
    for (const auto& sku : e.doc->skus)
      if (const auto it = slot_by_sku_.find(sku); it != slot_by_sku_.end() && it->second == slot)
        slot_by_sku_.erase(it);
    if (const auto it = slots_.find(e.doc->id); it != slots_.end() && it->second == slot) slots_.erase(it);
  } else {
    std::erase_if(slots_, [&](const auto& kv) { return kv.second == slot; });
  }
  e = Entry{};
  live_ -= rows_[slot].live ? 1 : 0;
  rows_[slot] = Row{};
  for (auto& [currency, column] : prices_) column[slot] = kUnpriced;
  free_.push_back(slot);
}

void ProductTable::set_stock(const std::vector<std::pair<std::string, bool>>& in_stock) {
  std::unique_lock lock(lock_);
  for (const auto& [sku, stocked_now] : in_stock) {
    in_stock_[sku] = stocked_now;
    const auto it = slot_by_sku_.find(sku);
    if (it == slot_by_sku_.end()) continue;
    const auto& e = entries_[it->second];
    if (e.doc) rows_[it->second].in_stock = stocked(*e.doc);
  }
}

std::vector<std::string> ProductTable::currencies() const {
  std::shared_lock lock(lock_);
  std::vector<std::string> out;
  for (const auto& [currency, column] : prices_) out.push_back(currency);
  return out;
}

void ProductTable::set_prices(const std::string& currency,
                              const std::vector<std::pair<std::uint32_t, std::int64_t>>& prices) {
  std::unique_lock lock(lock_);
  auto [it, added] = prices_.try_emplace(currency);
  auto& column = it->second;
  column.resize(entries_.size(), kUnpriced);
  for (const auto& [slot, price] : prices)
    if (slot < column.size()) column[slot] = price;
}

std::vector<std::pair<std::uint32_t, std::string>> ProductTable::live_products() const {
  std::shared_lock lock(lock_);
  std::vector<std::pair<std::uint32_t, std::string>> out;
  for (std::uint32_t slot = 0; slot < entries_.size(); ++slot)
    if (rows_[slot].live) out.emplace_back(slot, entries_[slot].doc->id);
  return out;
}

std::size_t ProductTable::live_count() const {
  std::shared_lock lock(lock_);
  return live_;
}

std::vector<std::string> ProductTable::live_skus() const {
  std::shared_lock lock(lock_);
  std::vector<std::string> out;
  for (std::uint32_t slot = 0; slot < entries_.size(); ++slot)
    if (rows_[slot].live) out.insert(out.end(), entries_[slot].doc->skus.begin(), entries_[slot].doc->skus.end());
  return out;
}

std::vector<std::uint32_t> ProductTable::slots_in_categories(const std::vector<std::string>& category_ids) const {
  std::shared_lock lock(lock_);
  std::vector<std::uint32_t> terms;
  for (const auto& id : category_ids)
    if (const auto it = term_ids_.find(term_key(TermKind::category, id, kNoTerm)); it != term_ids_.end())
      terms.push_back(it->second);
  std::vector<std::uint32_t> out;
  for (std::uint32_t slot = 0; slot < entries_.size(); ++slot)
    if (rows_[slot].live && std::find(terms.begin(), terms.end(), rows_[slot].category) != terms.end())
      out.push_back(slot);
  return out;
}

const std::vector<std::int64_t>* ProductTable::Reader::prices(std::string_view currency) const {
  const auto it = table_.prices_.find(currency);
  return it == table_.prices_.end() ? nullptr : &it->second;
}

std::uint32_t ProductTable::Reader::term(TermKind kind, std::string_view text) const {
  const auto it = table_.term_ids_.find(term_key(kind, text, kNoTerm));
  return it == table_.term_ids_.end() ? kNoTerm : it->second;
}

std::uint32_t ProductTable::Reader::attribute_name_id(std::string_view name) const {
  const auto it = table_.attribute_name_ids_.find(std::string(name));
  return it == table_.attribute_name_ids_.end() ? kNoTerm : it->second;
}

std::uint32_t ProductTable::Reader::attribute(std::string_view name, std::string_view value) const {
  const auto n = attribute_name_id(name);
  if (n == kNoTerm) return kNoTerm;
  const auto it = table_.term_ids_.find(term_key(TermKind::attribute, value, n));
  return it == table_.term_ids_.end() ? kNoTerm : it->second;
}

}  // namespace agora::search
