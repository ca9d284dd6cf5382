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

std::uint32_t ListingIndex::State::term_id(const std::string& term) {
  const auto [it, added] = term_ids.try_emplace(term, static_cast<std::uint32_t>(filed.size()));
  if (added) filed.emplace_back();
  return it->second;
}

// One listing request against the state: walks the request's order, or gathers and sorts the
// candidates of its narrowest filter, whichever should visit fewer products.
class ListingIndex::Query {
 public:
  Query(const State& s, std::size_t slot, const ListingQuery& q, const std::optional<Categories>& categories)
      : s_(s), slot_(s.slots[slot]), index_(slot), q_(q) {
    if (!q.cursor.empty()) after_ = decode_cursor(q.cursor, q.sort);
    // Each filter is a group of terms: a product must be filed under one term of every group.
    if (categories) {
      std::vector<std::string> terms;
      for (const auto& c : *categories) terms.push_back(category_term(c));
      add_group(terms);
    }
    if (!q.brands.empty()) {
      std::vector<std::string> terms;
      for (const auto& b : q.brands) terms.push_back(brand_term(b));
      add_group(terms);
    }
    for (const auto& [name, value] : q.attributes) add_group({attribute_term(name, value)});
  }

  Page page() {
    // A product is filed under at most one term of a group, so the group's smallest total bounds
    // a gather; assuming independent filters, a walk visits about (limit + 1) * n / expected
    // products before its page is full.
    const auto n = static_cast<double>(s_.items.size());
    double expected = n;
    const std::vector<std::uint32_t>* narrowest = nullptr;
    std::size_t narrowest_size = 0;
    for (const auto& group : groups_) {
      std::size_t size = 0;
      for (const auto id : group) size += s_.filed[id].size();
      expected *= n > 0 ? static_cast<double>(size) / n : 0;
      if (!narrowest || size < narrowest_size) {
        narrowest = &group;
        narrowest_size = size;
      }
    }
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
  void add_group(const std::vector<std::string>& terms) {
    std::vector<std::uint32_t> ids;
    for (const auto& t : terms)
      if (const auto it = s_.term_ids.find(t); it != s_.term_ids.end()) ids.push_back(it->second);
    groups_.push_back(std::move(ids));  // an empty group matches nothing
  }

  ListingKey key_of(const Item& item) const {
    return {item.prices[index_], item.rating_milli, item.rating_count, item.id};
  }

  bool wanted(const Item& item, const ListingKey& key) const {
    if ((q_.min_price && key.price < *q_.min_price) || (q_.max_price && key.price > *q_.max_price)) return false;
    return std::all_of(groups_.begin(), groups_.end(), [&](const std::vector<std::uint32_t>& group) {
      return std::any_of(group.begin(), group.end(), [&](std::uint32_t id) {
        return std::binary_search(item.terms.begin(), item.terms.end(), id);
      });
    });
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
        return visit(
            first, s_.items.end(), [](const auto& entry) -> const Item& { return entry.second; }, never);
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

  void gather(const std::vector<std::uint32_t>& group) {
    for (const auto id : group)
      for (const auto* item : s_.filed[id]) {
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
  std::vector<std::vector<std::uint32_t>> groups_;
  std::optional<ListingKey> after_;
  std::vector<std::pair<ListingKey, const Item*>> found_;
};

ListingKey ListingIndex::key(const Item& item, std::optional<std::size_t> slot) {
  if (slot) return {item.prices[*slot], 0, 0, item.id};
  return {0, item.rating_milli, item.rating_count, item.id};
}

ListingIndex::ListingIndex(Pricer pricer, const Clock& clock)
    : pricer_(std::move(pricer)), clock_(clock), state_(std::make_unique<State>()) {}

void ListingIndex::add(State& s, const Ptr& p, Timestamp now) {
  remove(s, p->id);
  auto& [id, item] = *s.items.try_emplace(p->id).first;
  item.product = p;
  item.id = id;
  item.rating_milli = std::llround(p->rating.average() * 1000);
  item.rating_count = p->rating.count;
  item.terms.clear();
  for (const auto& term : terms_of(*p)) item.terms.push_back(s.term_id(term));
  std::sort(item.terms.begin(), item.terms.end());
  for (const auto t : item.terms) s.filed[t].push_back(&item);
  item.prices.assign(s.slots.size(), 0);
  s.by_rating.insert({key(item, std::nullopt), &item});
  for (std::size_t i = 0; i < s.slots.size(); ++i) price_item(s.slots[i], i, item, now);
  if (const auto change = next_price_change(*p, now)) s.price_changes.emplace(*change, p->id);
}

void ListingIndex::price_item(Slot& slot, std::size_t index, Item& item, Timestamp now) {
  if (!slot.fresh) return;
  slot.by_price.erase({key(item, index), &item});
  try {
    Conversions memo;
    item.prices[index] = pricer_(*item.product, slot.currency, now, memo);
    slot.by_price.insert({key(item, index), &item});
  } catch (const std::exception& e) {
    log::warn("catalog listing prices stale until the next listing in their currency",
              {{"currency", slot.currency}, {"error", log::describe(e)}});
    slot.fresh = false;
    slot.by_price.clear();
  }
}

void ListingIndex::remove(State& s, const std::string& id) {
  const auto it = s.items.find(id);
  if (it == s.items.end()) return;
  const auto& item = it->second;
  for (const auto t : item.terms) std::erase(s.filed[t], &item);
  s.by_rating.erase({key(item, std::nullopt), &item});
  for (std::size_t i = 0; i < s.slots.size(); ++i) s.slots[i].by_price.erase({key(item, i), &item});
  s.items.erase(it);
}

ListingIndex::Priced ListingIndex::price_all(const State& s, const std::string& currency, Timestamp now) const {
  Priced out;
  out.prices.reserve(s.items.size());
  Conversions memo;
  for (const auto& [_, item] : s.items) {
    out.prices.push_back(pricer_(*item.product, currency, now, memo));
    out.order.insert({{out.prices.back(), 0, 0, item.id}, &item});
  }
  return out;
}

void ListingIndex::install(State& s, std::size_t index, Priced priced) {
  auto price = priced.prices.begin();
  for (auto& [_, item] : s.items) {
    item.prices.resize(s.slots.size());
    item.prices[index] = *price++;
  }
  s.slots[index].by_price.swap(priced.order);
  s.slots[index].fresh = true;
}

void ListingIndex::price_slot(State& s, Slot& slot, std::size_t index, Timestamp now) {
  slot.fresh = false;
  slot.by_price.clear();
  install(s, index, price_all(s, slot.currency, now));
}

std::optional<std::size_t> ListingIndex::ready_slot(const State& s, const std::string& currency, Timestamp now) const {
  if (!s.price_changes.empty() && s.price_changes.begin()->first <= now) return std::nullopt;
  for (std::size_t i = 0; i < s.slots.size(); ++i)
    if (s.slots[i].currency == currency) return s.slots[i].fresh ? std::optional(i) : std::nullopt;
  return std::nullopt;
}

std::size_t ListingIndex::prepare_slot(State& s, const std::string& currency, Timestamp now) {
  ++s.generation;
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
  ++state_->generation;
  for (const auto& id : ids) remove(*state_, id);
  for (const auto& p : current)
    if (p->status == kActive) add(*state_, p, now);
}

// Prices every slot again under the shared lock, so listings go on (with the old prices) meanwhile,
// and swaps the results in. A slot that cannot be priced, or a product change in between, leaves
// the work to the next listing in that currency.
void ListingIndex::rates_changed() {
  const auto now = clock_.now();
  std::vector<std::optional<Priced>> repriced;
  const State* state = nullptr;
  std::uint64_t generation = 0;
  {
    std::shared_lock lock(mutex_);
    state = state_.get();
    generation = state_->generation;
    for (const auto& slot : state_->slots) {
      try {
        repriced.emplace_back(price_all(*state_, slot.currency, now));
      } catch (const std::exception&) {
        repriced.emplace_back();
      }
    }
  }
  std::unique_lock lock(mutex_);
  const bool unchanged =
      state_.get() == state && state_->generation == generation && state_->slots.size() == repriced.size();
  for (std::size_t i = 0; i < state_->slots.size(); ++i) {
    auto& slot = state_->slots[i];
    slot.fresh = false;
    slot.by_price.clear();
    if (unchanged && repriced[i]) install(*state_, i, std::move(*repriced[i]));
  }
}

std::vector<std::optional<std::int64_t>> ListingIndex::prices(const std::vector<std::string>& ids,
                                                              const std::string& currency) {
  const auto read = [&](const State& s, std::size_t slot) {
    std::vector<std::optional<std::int64_t>> out;
    out.reserve(ids.size());
    for (const auto& id : ids) {
      const auto it = s.items.find(id);
      out.push_back(it == s.items.end() ? std::nullopt : std::optional(it->second.prices[slot]));
    }
    return out;
  };
  const auto now = clock_.now();
  {
    std::shared_lock lock(mutex_);
    if (const auto slot = ready_slot(*state_, currency, now)) return read(*state_, *slot);
  }
  std::unique_lock lock(mutex_);
  return read(*state_, prepare_slot(*state_, currency, now));
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
