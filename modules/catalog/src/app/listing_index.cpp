#include "app/listing_index.hpp"

#include <agora/core/log.hpp>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

namespace agora::catalog {
namespace {

// The terms a product is filed under; a filter names the same terms.
std::string brand_term(std::string_view brand) { return "brand\x1f" + std::string(brand); }
std::string attribute_term(std::string_view name, std::string_view value) {
  return "attr\x1f" + std::string(name) + "\x1f" + std::string(value);
}
std::string category_term(std::string_view category_id) { return "category\x1f" + std::string(category_id); }

std::vector<std::string> terms_of(const Product& p) {
  std::vector<std::string> terms{brand_term(p.brand), category_term(p.category_id)};
  for (const auto& [name, value] : p.attributes) terms.push_back(attribute_term(name, value));
  return terms;
}

}  // namespace

// One listing request against the state: walks the request's order, or gathers and sorts the
// candidates of its narrowest filter, whichever should visit fewer products.
class ListingIndex::Query {
 public:
  using Filed = std::map<std::string_view, const Item*, std::greater<>>;

  Query(const State& s, std::size_t slot, const ListingQuery& q, const std::optional<Categories>& categories)
      : s_(s), slot_(s.slots[slot]), index_(slot), q_(q), categories_(categories) {
    if (!q.cursor.empty()) after_ = decode_cursor(q.cursor, q.sort);
  }

  Page page() {
    // Each filter names a group of filed sets (a product is in at most one set of a group). The
    // narrowest group bounds a gather; assuming independent filters, a walk visits about
    // (limit + 1) * n / expected products before its page is full.
    const auto n = static_cast<double>(s_.items.size());
    double expected = n;
    std::optional<std::vector<const Filed*>> narrowest;
    std::size_t narrowest_size = 0;
    const auto consider = [&](const std::vector<std::string>& terms) {
      std::vector<const Filed*> sets;
      std::size_t size = 0;
      for (const auto& t : terms)
        if (const auto it = s_.filed.find(t); it != s_.filed.end()) {
          sets.push_back(&it->second);
          size += it->second.size();
        }
      expected *= n > 0 ? static_cast<double>(size) / n : 0;
      if (!narrowest || size < narrowest_size) {
        narrowest = std::move(sets);
        narrowest_size = size;
      }
    };
    if (categories_) {
      std::vector<std::string> terms;
      for (const auto& c : *categories_) terms.push_back(category_term(c));
      consider(terms);
    }
    if (!q_.brands.empty()) {
      std::vector<std::string> terms;
      for (const auto& b : q_.brands) terms.push_back(brand_term(b));
      consider(terms);
    }
    for (const auto& [name, value] : q_.attributes) consider({attribute_term(name, value)});

    if (!narrowest) {
      walk(std::numeric_limits<std::size_t>::max());
    } else if (static_cast<double>(q_.limit + 1) * n < expected * static_cast<double>(narrowest_size) &&
               walk(narrowest_size + q_.limit)) {
      // the walk filled the page within what a gather would have cost
    } else {
      found_.clear();
      gather(*narrowest);
    }
    Page page;
    for (std::size_t i = 0; i < std::min(found_.size(), q_.limit); ++i)
      page.items.emplace_back(found_[i].second->product, found_[i].first.price);
    if (found_.size() > q_.limit) page.next_cursor = encode_cursor(found_[q_.limit - 1].first, q_.sort);
    return page;
  }

 private:
  ListingKey key_of(const Item& item) const {
    return {item.prices[index_], item.rating_milli, item.product->rating.count, item.product->id};
  }

  bool wanted(const Item& item, const ListingKey& key) const {
    if (categories_ && !categories_->contains(item.product->category_id)) return false;
    if ((q_.min_price && key.price < *q_.min_price) || (q_.max_price && key.price > *q_.max_price)) return false;
    return matches(*item.product, q_);
  }

  // Visits the request's order from its cursor until the page (plus one, to know there is more)
  // is found. False when `budget` products were visited first.
  bool walk(std::size_t budget) {
    const auto visit = [&](auto it, auto end, auto item_of, auto past_range) {
      for (; it != end; ++it) {
        if (budget-- == 0) return false;
        const Item& item = item_of(*it);
        const auto key = key_of(item);
        if (past_range(key)) break;
        if (!wanted(item, key)) continue;
        found_.emplace_back(key, &item);
        if (found_.size() > q_.limit) break;
      }
      return true;
    };
    const auto of_ranked = [](const Ranked& r) -> const Item& { return *r.item; };
    const auto never = [](const ListingKey&) { return false; };
    switch (q_.sort) {
      case SortOrder::newest: {
        const auto first = after_ ? s_.items.upper_bound(after_->id) : s_.items.begin();
        return visit(first, s_.items.end(), [](const auto& entry) -> const Item& { return entry.second; }, never);
      }
      case SortOrder::rating: {
        const auto first = after_ ? s_.by_rating.upper_bound({*after_, nullptr}) : s_.by_rating.begin();
        return visit(first, s_.by_rating.end(), of_ranked, never);
      }
      case SortOrder::price_ascending: {
        const auto& order = slot_.by_price;
        auto first = q_.min_price ? order.lower_bound({{*q_.min_price, 0, 0, ""}, nullptr}) : order.begin();
        if (after_) first = later(first, order.upper_bound({*after_, nullptr}));
        return visit(first, order.end(), of_ranked,
                     [&](const ListingKey& k) { return q_.max_price && k.price > *q_.max_price; });
      }
      case SortOrder::price_descending: {
        // The reverse of ascending order: start before the cursor or above the range, go down.
        const auto& order = slot_.by_price;
        auto last = order.end();
        if (q_.max_price && *q_.max_price < std::numeric_limits<std::int64_t>::max())
          last = order.lower_bound({{*q_.max_price + 1, 0, 0, ""}, nullptr});
        if (after_) last = earlier(last, order.lower_bound({*after_, nullptr}));
        return visit(std::make_reverse_iterator(last), order.rend(), of_ranked,
                     [&](const ListingKey& k) { return q_.min_price && k.price < *q_.min_price; });
      }
    }
    return true;
  }

  Order::const_iterator later(Order::const_iterator a, Order::const_iterator b) const {
    const auto end = slot_.by_price.end();
    if (a == end || b == end) return end;
    return comes_before(a->key, b->key, SortOrder::price_ascending) ? b : a;
  }
  Order::const_iterator earlier(Order::const_iterator a, Order::const_iterator b) const {
    const auto end = slot_.by_price.end();
    if (a == end) return b;
    if (b == end) return a;
    return comes_before(a->key, b->key, SortOrder::price_ascending) ? a : b;
  }

  void gather(const std::vector<const Filed*>& sets) {
    for (const auto* filed : sets)
      for (const auto& [_, item] : *filed) {
        const auto key = key_of(*item);
        if (!wanted(*item, key) || (after_ && !comes_before(*after_, key, q_.sort))) continue;
        found_.emplace_back(key, item);
      }
    const auto take = std::min(found_.size(), q_.limit + 1);
    std::partial_sort(found_.begin(), found_.begin() + static_cast<std::ptrdiff_t>(take), found_.end(),
                      [&](const auto& a, const auto& b) { return comes_before(a.first, b.first, q_.sort); });
    found_.resize(take);
  }

  const State& s_;
  const Slot& slot_;
  std::size_t index_;
  const ListingQuery& q_;
  const std::optional<Categories>& categories_;
  std::optional<ListingKey> after_;
  std::vector<std::pair<ListingKey, const Item*>> found_;
};

ListingIndex::ListingIndex(Pricer pricer, const Clock& clock)
    : pricer_(std::move(pricer)), clock_(clock), state_(std::make_unique<State>()) {}

void ListingIndex::add(State& s, const Ptr& p, Timestamp now) {
  auto& [id, item] = *s.items.try_emplace(p->id).first;
  item.product = p;
  item.rating_milli = std::llround(p->rating.average() * 1000);
  item.prices.assign(s.slots.size(), 0);
  for (const auto& term : terms_of(*p)) s.filed[term].emplace(id, &item);
  s.by_rating.insert({{0, item.rating_milli, p->rating.count, p->id}, &item});
  for (std::size_t i = 0; i < s.slots.size(); ++i) price_item(s.slots[i], i, item, now);
  if (const auto change = next_price_change(*p, now)) s.price_changes.emplace(*change, p->id);
}

void ListingIndex::price_item(Slot& slot, std::size_t index, Item& item, Timestamp now) {
  if (!slot.fresh) return;
  slot.by_price.erase({{item.prices[index], 0, 0, item.product->id}, &item});
  try {
    Conversions memo;
    item.prices[index] = pricer_(*item.product, slot.currency, now, memo);
    slot.by_price.insert({{item.prices[index], 0, 0, item.product->id}, &item});
  } catch (const std::exception& e) {
    log::warn("catalog listing prices stale until the next listing in their currency",
              {{"currency", slot.currency}, {"error", e.what()}});
    slot.fresh = false;
    slot.by_price.clear();
  }
}

void ListingIndex::remove(State& s, const std::string& id) {
  const auto it = s.items.find(id);
  if (it == s.items.end()) return;
  const auto& item = it->second;
  const auto& p = *item.product;
  for (const auto& term : terms_of(p)) {
    const auto filed = s.filed.find(term);
    if (filed == s.filed.end()) continue;
    filed->second.erase(p.id);
    if (filed->second.empty()) s.filed.erase(filed);
  }
  s.by_rating.erase({{0, item.rating_milli, p.rating.count, p.id}, &item});
  for (std::size_t i = 0; i < s.slots.size(); ++i) s.slots[i].by_price.erase({{item.prices[i], 0, 0, p.id}, &item});
  s.items.erase(it);
}

void ListingIndex::price_slot(State& s, Slot& slot, std::size_t index, Timestamp now) {
  slot.fresh = false;
  slot.by_price.clear();
  for (auto& [_, item] : s.items) item.prices.resize(s.slots.size());
  Conversions memo;
  for (auto& [_, item] : s.items) item.prices[index] = pricer_(*item.product, slot.currency, now, memo);
  for (const auto& [_, item] : s.items) slot.by_price.insert({{item.prices[index], 0, 0, item.product->id}, &item});
  slot.fresh = true;
}

std::optional<std::size_t> ListingIndex::ready_slot(const State& s, const std::string& currency, Timestamp now) const {
  if (!s.price_changes.empty() && s.price_changes.begin()->first <= now) return std::nullopt;
  for (std::size_t i = 0; i < s.slots.size(); ++i)
    if (s.slots[i].currency == currency) return s.slots[i].fresh ? std::optional(i) : std::nullopt;
  return std::nullopt;
}

std::size_t ListingIndex::prepare_slot(State& s, const std::string& currency, Timestamp now) {
  while (!s.price_changes.empty() && s.price_changes.begin()->first <= now) {
    const auto id = s.price_changes.extract(s.price_changes.begin()).mapped();
    const auto it = s.items.find(id);
    if (it == s.items.end()) continue;
    auto& item = it->second;
    for (std::size_t i = 0; i < s.slots.size(); ++i) price_item(s.slots[i], i, item, now);
    if (const auto change = next_price_change(*item.product, now)) s.price_changes.emplace(*change, id);
  }
  auto slot = std::find_if(s.slots.begin(), s.slots.end(), [&](const Slot& x) { return x.currency == currency; });
  if (slot == s.slots.end()) slot = s.slots.insert(slot, Slot{currency});
  const auto index = static_cast<std::size_t>(slot - s.slots.begin());
  if (!slot->fresh) price_slot(s, *slot, index, now);
  return index;
}

void ListingIndex::reload(const std::vector<Ptr>& products) {
  std::vector<std::string> currencies;
  {
    std::shared_lock lock(mutex_);
    for (const auto& slot : state_->slots) currencies.push_back(slot.currency);
  }
  const auto now = clock_.now();
  auto next = std::make_unique<State>();
  for (const auto& p : products)
    if (p->status == kActive) add(*next, p, now);
  for (const auto& currency : currencies) {
    next->slots.push_back(Slot{currency});
    try {
      price_slot(*next, next->slots.back(), next->slots.size() - 1, now);
    } catch (const std::exception&) {
      // priced at its next listing, which reports the error if it persists
    }
  }
  {
    std::unique_lock lock(mutex_);
    state_.swap(next);
  }
}

void ListingIndex::update(const std::vector<std::string>& ids, const std::vector<Ptr>& current) {
  const auto now = clock_.now();
  std::unique_lock lock(mutex_);
  for (const auto& id : ids) remove(*state_, id);
  for (const auto& p : current)
    if (p->status == kActive) add(*state_, p, now);
}

void ListingIndex::rates_changed() {
  std::unique_lock lock(mutex_);
  for (auto& slot : state_->slots) {
    slot.fresh = false;
    slot.by_price.clear();
  }
}

ListingIndex::Page ListingIndex::list(const ListingQuery& q, const std::optional<Categories>& categories) {
  const auto now = clock_.now();
  {
    std::shared_lock lock(mutex_);
    if (const auto slot = ready_slot(*state_, q.currency, now)) return Query(*state_, *slot, q, categories).page();
  }
  std::unique_lock lock(mutex_);
  const auto slot = prepare_slot(*state_, q.currency, now);
  return Query(*state_, slot, q, categories).page();
}

}  // namespace agora::catalog
