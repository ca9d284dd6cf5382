#include "app/indexer.hpp"

#include "domain/languages.hpp"
#include "domain/text_fold.hpp"

#include <agora/core/log.hpp>

#include <filesystem>
#include <fstream>

namespace agora::search {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kChunk = 1000;  // products read from the catalog at once

template <class T>
std::vector<std::vector<T>> chunks(const std::vector<T>& all, std::size_t size) {
  std::vector<std::vector<T>> out;
  for (std::size_t i = 0; i < all.size(); i += size)
    out.emplace_back(all.begin() + static_cast<std::ptrdiff_t>(i),
                     all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), i + size)));
  return out;
}

}  // namespace

void Indexer::Pending::merge(const Pending& o) {
  products.insert(o.products.begin(), o.products.end());
  skus.insert(o.skus.begin(), o.skus.end());
  all = all || o.all;
  categories = categories || o.categories;
  synonyms = synonyms || o.synonyms;
  if (since == std::chrono::steady_clock::time_point{} ||
      (o.since != std::chrono::steady_clock::time_point{} && o.since < since))
    since = o.since;
}

Indexer::Indexer(catalog::Api& catalog, inventory::Api& inventory, SynonymSource synonyms, Options options,
                 Metrics& metrics)
    : catalog_(catalog),
      inventory_(inventory),
      synonyms_(std::move(synonyms)),
      options_(std::move(options)),
      lag_(metrics.histogram("agora_search_index_lag_seconds",
                             "from hearing of a change to its commit in this instance's search index")),
      documents_(metrics.gauge("agora_search_documents", "products in this instance's search index")),
      rebuilds_(metrics.counter("agora_search_rebuilds_total", "search index generations built")) {}

void Indexer::start() {
  categories_ = std::make_shared<CategoryView>(catalog_.categories());
  std::lock_guard lock(mutex_);
  running_ = true;
  thread_ = std::thread([this] { run(); });
}

void Indexer::stop() {
  {
    std::lock_guard lock(mutex_);
    if (!running_) return;
    running_ = false;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (builder_.joinable()) builder_.join();
}

std::shared_ptr<Generation> Indexer::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

std::shared_ptr<const CategoryView> Indexer::categories() const {
  std::lock_guard lock(mutex_);
  return categories_;
}

bool Indexer::rebuilding() const {
  std::lock_guard lock(mutex_);
  return building_ || reindex_asked_;
}

void Indexer::heard(const catalog::CatalogChange& change) {
  Pending p{.products = {change.product_ids.begin(), change.product_ids.end()},
            .all = change.all,
            .categories = change.categories,
            .since = std::chrono::steady_clock::now()};
  {
    std::lock_guard lock(mutex_);
    pending_.merge(p);
    if (replay_) replay_->merge(p);
  }
  wake_.notify_all();
}

void Indexer::stock_changed(const std::string& sku) {
  Pending p{.skus = {sku}, .since = std::chrono::steady_clock::now()};
  {
    std::lock_guard lock(mutex_);
    pending_.merge(p);
    if (replay_) replay_->merge(p);
  }
  wake_.notify_all();
}

void Indexer::synonyms_changed() {
  Pending p{.synonyms = true, .since = std::chrono::steady_clock::now()};
  {
    std::lock_guard lock(mutex_);
    pending_.merge(p);
    if (replay_) replay_->merge(p);
  }
  wake_.notify_all();
}

void Indexer::reindex() {
  {
    std::lock_guard lock(mutex_);
    reindex_asked_ = true;
  }
  wake_.notify_all();
}

void Indexer::run() {
  {
    // What was heard before this point (the catalog's load at start, say) is read anyway.
    std::lock_guard lock(mutex_);
    pending_ = Pending{};
  }
  if (auto g = open_current()) {
    install(std::move(g));
  } else {
    std::lock_guard lock(mutex_);
    reindex_asked_ = true;
  }
  std::unique_lock lock(mutex_);
  while (running_) {
    wake_.wait_for(lock, options_.commit_interval, [&] {
      return !running_ || (current_ && !pending_.empty()) || built_ || (reindex_asked_ && !building_);
    });
    if (!running_) break;
    if (reindex_asked_ && !building_) {
      reindex_asked_ = false;
      building_ = true;
      replay_.emplace();
      // The build reads what was heard so far; without an index there is nothing else to apply it to.
      if (!current_) pending_ = Pending{};
      if (builder_.joinable()) builder_.join();
      builder_ = std::thread([this] {
        std::shared_ptr<Generation> g;
        try {
          g = build();
        } catch (const std::exception& e) {
          log::error("search: building the index failed", {{"error", log::describe(e)}});
        }
        std::lock_guard lock(mutex_);
        building_ = false;
        built_ = std::move(g);
        if (!built_) replay_.reset();
        wake_.notify_all();
      });
    }
    if (built_) {
      auto g = std::move(built_);
      auto replay = std::move(*replay_);
      replay_.reset();
      lock.unlock();
      try {
        apply(*g, replay);
        install(std::move(g));
      } catch (const std::exception& e) {
        log::error("search: the rebuilt index could not catch up", {{"error", log::describe(e)}});
      }
      lock.lock();
      continue;
    }
    if (pending_.empty() || !current_) continue;
    auto p = std::move(pending_);
    pending_ = Pending{};
    auto g = current_;
    lock.unlock();
    try {
      apply(*g, p);
    } catch (const std::exception& e) {
      log::error("search: applying changes to the index failed; they are retried", {{"error", log::describe(e)}});
      lock.lock();
      pending_.merge(p);
      wake_.wait_for(lock, std::chrono::seconds(1), [&] { return !running_; });
      continue;
    }
    lock.lock();
    // Changes heard meanwhile wait for the next batch: commits stay commit_interval apart.
    wake_.wait_for(lock, options_.commit_interval, [&] { return !running_; });
  }
}

void Indexer::apply(Generation& g, const Pending& p) {
  std::vector<std::string> recategorised;
  if (p.categories) {
    auto view = std::make_shared<const CategoryView>(catalog_.categories());
    std::shared_ptr<const CategoryView> before;
    {
      std::lock_guard lock(mutex_);
      before = categories_;
      categories_ = view;
    }
    for (const auto slot : g.table.slots_in_categories(view->changed_since(*before)))
      if (const auto held = g.table.held_at(slot)) recategorised.push_back(held->first);
  }
  Staged staged;
  if (p.all) {
    sync_all(g, stored_in(g), staged);
  } else {
    const std::vector<std::string> ids(p.products.begin(), p.products.end());
    put_products(g, ids, false, nullptr, staged);
    put_products(g, recategorised, true, nullptr, staged);
    restock(g, {p.skus.begin(), p.skus.end()});
  }
  if (p.synonyms) load_synonyms(g);
  commit(g, staged);
  if (p.since != std::chrono::steady_clock::time_point{})
    lag_.observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - p.since).count());
  documents_.set(static_cast<double>(g.table.live_count()));
  version_.fetch_add(1, std::memory_order_release);
}

void Indexer::commit(Generation& g, Staged& staged) {
  for (auto& [locale, text] : g.texts) text->commit();
  g.table.put(std::move(staged));
  staged.clear();
}

Indexer::Stored Indexer::stored_in(const Generation& g) const {
  Stored out;
  for (const auto& [slot, id] : g.table.live_products())
    if (const auto held = g.table.held_at(slot))
      for (const auto& [locale, text] : g.texts) out[locale][slot] = {slot, held->first, held->second};
  return out;
}

void Indexer::put_products(Generation& g, const std::vector<std::string>& ids, bool force_text, const Stored* stored,
                           Staged& staged) {
  if (ids.empty()) return;
  auto docs = catalog_.product_documents(ids);
  std::set<std::string> active;
  std::vector<std::pair<std::uint32_t, std::string>> put;
  std::vector<std::string> skus;
  for (auto& doc : docs) {
    if (doc.status != "active" || doc.texts.empty()) continue;
    active.insert(doc.id);
    const auto slot = g.table.assign(doc.id);
    const auto held = stored ? std::nullopt : g.table.held_at(slot);
    for (auto& [locale, text] : g.texts) {
      const auto current = [&] {
        if (force_text) return false;
        if (!stored) return held && held->first == doc.id && held->second == doc.revision;
        const auto by_locale = stored->find(locale);
        if (by_locale == stored->end()) return false;
        const auto it = by_locale->second.find(slot);
        return it != by_locale->second.end() && it->second.product_id == doc.id && it->second.revision == doc.revision;
      };
      if (!current()) text->put(text_for(doc, locale, slot));
    }
    skus.insert(skus.end(), doc.skus.begin(), doc.skus.end());
    put.emplace_back(slot, doc.id);
    staged.emplace_back(slot, std::make_shared<const catalog::ProductDocument>(std::move(doc)));
  }
  for (const auto& id : ids) {
    if (active.contains(id)) continue;
    const auto slot = g.table.slot_of(id);
    if (slot == kNoSlot) continue;
    g.table.remove(slot);
    for (auto& [locale, text] : g.texts) text->remove(slot);
  }
  restock(g, skus);
  reprice(g, put);
}

void Indexer::sync_all(Generation& g, const Stored& stored, Staged& staged) {
  std::vector<std::string> ids;
  for (auto& [id, revision] : catalog_.product_revisions()) ids.push_back(std::move(id));
  for (const auto& chunk : chunks(ids, kChunk)) {
    {
      std::lock_guard lock(mutex_);
      if (!running_) throw std::runtime_error("stopping");
    }
    put_products(g, chunk, false, &stored, staged);
  }
  // What the texts hold of products that are gone, inactive, or now at another slot.
  std::set<std::uint32_t> kept;
  for (const auto& [slot, doc] : staged) kept.insert(slot);
  for (const auto& [locale, by_slot] : stored)
    for (const auto& [slot, held] : by_slot) {
      const bool assigned = g.table.slot_of(held.product_id) == slot;
      if (assigned && kept.contains(slot)) continue;
      if (const auto text = g.texts.find(locale); text != g.texts.end()) text->second->remove(slot);
      if (assigned) g.table.remove(slot);
    }
  load_synonyms(g);
}

void Indexer::restock(Generation& g, const std::vector<std::string>& skus) {
  for (const auto& chunk : chunks(skus, 500)) {
    std::vector<std::pair<std::string, bool>> stock;
    for (const auto& a : inventory_.availability(chunk)) stock.emplace_back(a.sku, a.in_stock());
    g.table.set_stock(stock);
  }
}

void Indexer::reprice(Generation& g, const std::vector<std::pair<std::uint32_t, std::string>>& products) {
  if (products.empty()) return;
  std::lock_guard lock(g.pricing);
  std::vector<std::string> ids;
  ids.reserve(products.size());
  for (const auto& [slot, id] : products) ids.push_back(id);
  for (const auto& currency : g.table.currencies()) {
    try {
      const auto prices = catalog_.listing_prices(ids, currency);
      std::vector<std::pair<std::uint32_t, std::int64_t>> column;
      for (std::size_t i = 0; i < products.size(); ++i)
        column.emplace_back(products[i].first, prices[i].value_or(kUnpriced));
      g.table.set_prices(currency, column);
    } catch (const std::exception& e) {
      log::warn("search: prices could not be read", {{"currency", currency}, {"error", log::describe(e)}});
    }
  }
}

void Indexer::ensure_prices(Generation& g, const std::string& currency) {
  {
    ProductTable::Reader r(g.table);
    if (r.prices(currency)) return;
  }
  std::lock_guard lock(g.pricing);
  {
    ProductTable::Reader r(g.table);
    if (r.prices(currency)) return;
  }
  const auto products = g.table.live_products();
  std::vector<std::string> ids;
  ids.reserve(products.size());
  for (const auto& [slot, id] : products) ids.push_back(id);
  const auto prices = catalog_.listing_prices(ids, currency);
  std::vector<std::pair<std::uint32_t, std::int64_t>> column;
  column.reserve(products.size());
  for (std::size_t i = 0; i < products.size(); ++i)
    column.emplace_back(products[i].first, prices[i].value_or(kUnpriced));
  g.table.set_prices(currency, column);
}

void Indexer::load_synonyms(Generation& g) {
  for (auto& [locale, text] : g.texts) {
    try {
      text->set_synonyms(synonyms_(locale));
    } catch (const std::exception& e) {
      log::warn("search: synonyms could not be read", {{"locale", locale}, {"error", log::describe(e)}});
    }
  }
}

IndexedText Indexer::text_for(const catalog::ProductDocument& doc, const std::string& locale,
                              std::uint32_t slot) const {
  const auto& t = text_in(doc, locale);
  std::string rest = t.description;
  for (const auto& [name, value] : doc.attributes) rest += ' ' + value;
  std::shared_ptr<const CategoryView> view;
  {
    std::lock_guard lock(mutex_);
    view = categories_;
  }
  return {slot,      doc.id, doc.revision, fold(t.title), fold(doc.brand), fold(view->names_above(doc.category_id)),
          fold(rest)};
}

std::shared_ptr<Generation> Indexer::open_current() {
  const fs::path root(options_.index_dir);
  fs::create_directories(root);
  std::string name;
  std::ifstream(root / "current") >> name;
  std::error_code ec;
  // Directories a crash left behind (a rebuild never swapped in).
  for (const auto& entry : fs::directory_iterator(root, ec))
    if (entry.is_directory() && entry.path().filename().string().starts_with("gen-") && entry.path().filename() != name)
      fs::remove_all(entry.path(), ec);
  if (name.empty() || !fs::is_directory(root / name)) return nullptr;
  try {
    auto g = std::make_shared<Generation>((root / name).string());
    Stored stored;
    for (const auto& locale : options_.locales) {
      auto text = open_text_index((root / name / locale).string(), stemmer_language(locale));
      for (auto& s : text->stored()) stored[locale][s.slot] = std::move(s);
      g->texts.emplace(locale, std::move(text));
    }
    for (const auto& [slot, held] : stored[options_.locales.front()]) g->table.assign_at(slot, held.product_id);
    Staged staged;
    sync_all(*g, stored, staged);
    commit(*g, staged);
    log::info("search: index opened", {{"directory", g->directory}});
    return g;
  } catch (const std::exception& e) {
    log::warn("search: the index cannot be read; it is rebuilt",
              {{"directory", (root / name).string()}, {"error", log::describe(e)}});
    return nullptr;
  } catch (...) {
    log::warn("search: the index cannot be read; it is rebuilt", {{"directory", (root / name).string()}});
    return nullptr;
  }
}

std::shared_ptr<Generation> Indexer::build() {
  const auto started = std::chrono::steady_clock::now();
  const auto stamp =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  const auto dir = fs::path(options_.index_dir) / ("gen-" + std::to_string(stamp));
  fs::create_directories(dir);
  auto g = std::make_shared<Generation>(dir.string());
  g->discard = true;  // until it is installed
  for (const auto& locale : options_.locales)
    g->texts.emplace(locale, open_text_index((dir / locale).string(), stemmer_language(locale)));
  if (const auto old = current())
    for (const auto& currency : old->table.currencies()) g->table.set_prices(currency, {});
  Staged staged;
  sync_all(*g, {}, staged);
  commit(*g, staged);
  rebuilds_.inc();
  log::info("search: index built",
            {{"directory", g->directory},
             {"products", g->table.live_count()},
             {"seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()}});
  return g;
}

void Indexer::install(std::shared_ptr<Generation> g) {
  const fs::path root(options_.index_dir);
  const auto name = fs::path(g->directory).filename().string();
  {
    std::ofstream out(root / "current.tmp", std::ios::trunc);
    out << name << '\n';
  }
  fs::rename(root / "current.tmp", root / "current");
  g->discard = false;
  documents_.set(static_cast<double>(g->table.live_count()));
  std::shared_ptr<Generation> old;
  {
    std::lock_guard lock(mutex_);
    old = std::move(current_);
    current_ = std::move(g);
  }
  if (old && old->directory != current_->directory) old->discard = true;
  version_.fetch_add(1, std::memory_order_release);
}

}  // namespace agora::search
