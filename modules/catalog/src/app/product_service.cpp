#include "app/product_service.hpp"

#include "store/product_store.hpp"

#include <agora/catalog/events.hpp>
#include <agora/core/db.hpp>
#include <agora/core/ids.hpp>

#include <algorithm>
#include <set>

namespace agora::catalog {
namespace {

constexpr std::size_t kImportBatch = 500;  // lines per transaction

std::vector<std::string> skus_of(const Product& p) {
  std::vector<std::string> skus;
  for (const auto& v : p.variants) skus.push_back(v.sku);
  return skus;
}

std::vector<events::VariantPrice> prices_of(const Variant& v) {
  std::vector<events::VariantPrice> prices;
  for (const auto& p : v.prices) prices.push_back({p.currency, p.amount, p.compare_at, p.starts_at, p.ends_at});
  return prices;
}

// What a change of a product's variants tells.
events::Updated variants_changed(const Product& p) { return {p.id, {"variants"}, skus_of(p)}; }

Error not_found(std::string_view what, const std::string& id) {
  return Error(ErrorKind::not_found, "no " + std::string(what) + " with id " + id);
}

}  // namespace

ProductService::ProductService(Database& db, const Clock& clock, CatalogRules rules,
                               std::function<bool(const std::string&)> category_exists, ProductCache& cache)
    : db_(db), clock_(clock), rules_(std::move(rules)), category_exists_(std::move(category_exists)), cache_(cache) {}

std::vector<std::pair<std::size_t, Error>> ProductService::insert_new(Tx& tx, std::vector<Product>& products) {
  std::vector<std::string> slugs, skus;
  for (const auto& p : products) {
    slugs.push_back(p.slug);
    for (const auto& v : p.variants) skus.push_back(v.sku);
  }
  const auto taken_slugs = product_store::taken_slugs(tx.sql(), slugs);
  const auto taken_skus = product_store::taken_skus(tx.sql(), skus);
  std::set<std::string, std::less<>> slugs_used(taken_slugs.begin(), taken_slugs.end());
  std::set<std::string, std::less<>> skus_used(taken_skus.begin(), taken_skus.end());

  std::vector<std::pair<std::size_t, Error>> refused;
  std::vector<Product> accepted;
  const auto now = clock_.now();
  for (std::size_t i = 0; i < products.size(); ++i) {
    auto& p = products[i];
    if (!p.category_id.empty() && !category_exists_(p.category_id)) {
      refused.emplace_back(i, Error(ErrorKind::validation, "invalid product", {{"category_id", "is not a category"}}));
      continue;
    }
    std::vector<FieldError> taken;
    if (slugs_used.contains(p.slug)) taken.push_back({"slug", "is used by another product"});
    for (std::size_t v = 0; v < p.variants.size(); ++v)
      if (skus_used.contains(p.variants[v].sku))
        taken.push_back({"variants[" + std::to_string(v) + "].sku", "is used by another variant"});
    if (!taken.empty()) {
      refused.emplace_back(i, Error(ErrorKind::conflict, "already in the catalog", std::move(taken)));
      continue;
    }
    slugs_used.insert(p.slug);
    for (const auto& v : p.variants) skus_used.insert(v.sku);
    p.id = new_id();
    for (auto& v : p.variants) v.id = new_id();
    p.created_at = p.updated_at = now;
    accepted.push_back(p);
  }
  product_store::insert(tx.sql(), accepted);
  for (const auto& p : accepted)
    tx.publish(events::Created{p.id, p.slug, p.status, p.brand, p.category_id, skus_of(p), p.tax_category});
  return refused;
}

Product ProductService::create(Product product) {
  std::vector<Product> one{std::move(product)};
  db_.transact([&](Tx& tx) {
    auto refused = insert_new(tx, one);
    if (!refused.empty()) throw std::move(refused.front().second);
  });
  cache_.refresh({one.front().id});
  return std::move(one.front());
}

Product ProductService::get(const std::string& id) {
  if (!is_uuid(id)) throw not_found("product", id);
  auto conn = db_.acquire();
  auto p = product_store::load(*conn, id);
  if (!p) throw not_found("product", id);
  return std::move(*p);
}

Product ProductService::update(const std::string& id, const ProductPatch& patch) {
  if (!is_uuid(id)) throw not_found("product", id);
  if (patch.category_id && !patch.category_id->empty() && !category_exists_(*patch.category_id))
    throw Error(ErrorKind::validation, "invalid product", {{"category_id", "is not a category"}});
  auto p = db_.transact([&](Tx& tx) {
    auto p = product_store::load(tx.sql(), id, true);
    if (!p) throw not_found("product", id);
    const auto old_status = p->status;
    if (patch.slug && *patch.slug != p->slug && product_store::id_by_slug(tx.sql(), *patch.slug))
      throw Error(ErrorKind::conflict, "already in the catalog", {{"slug", "is used by another product"}});
    apply(patch, *p);
    p->updated_at = clock_.now();
    product_store::update(tx.sql(), *p);
    ++p->revision;
    auto changed = patch.changed;
    std::erase(changed, "status");
    if (!changed.empty()) tx.publish(events::Updated{id, {changed.begin(), changed.end()}, skus_of(*p)});
    if (p->status != old_status) tx.publish(events::StatusChanged{id, old_status, p->status});
    return std::move(*p);
  });
  cache_.refresh({id});
  return p;
}

void ProductService::remove(const std::string& id) {
  if (!is_uuid(id)) throw not_found("product", id);
  db_.transact([&](Tx& tx) {
    auto p = product_store::load(tx.sql(), id, true);
    if (!p) throw not_found("product", id);
    product_store::remove(tx.sql(), id);
    tx.publish(events::Deleted{id, skus_of(*p)});
  });
  cache_.refresh({id});
}

Product ProductService::product_of_variant(Tx& tx, const std::string& variant_id) {
  if (!is_uuid(variant_id)) throw not_found("variant", variant_id);
  const auto product_id = product_store::product_of_variant(tx.sql(), variant_id);
  if (!product_id) throw not_found("variant", variant_id);
  auto p = product_store::load(tx.sql(), *product_id, true);
  if (!p) throw not_found("variant", variant_id);
  return std::move(*p);
}

Product ProductService::add_variant(const std::string& product_id, Variant v) {
  if (!is_uuid(product_id)) throw not_found("product", product_id);
  auto p = db_.transact([&](Tx& tx) {
    auto p = product_store::load(tx.sql(), product_id, true);
    if (!p) throw not_found("product", product_id);
    if (p->variants.size() >= kMaxVariants) throw Error(ErrorKind::conflict, "a product has at most 100 variants");
    if (!product_store::taken_skus(tx.sql(), {v.sku}).empty())
      throw Error(ErrorKind::conflict, "already in the catalog", {{"sku", "is used by another variant"}});
    v.id = new_id();
    const int position = static_cast<int>(p->variants.size());
    product_store::insert_variant(tx.sql(), product_id, v, position);
    product_store::touch(tx.sql(), product_id, clock_.now());
    p->variants.push_back(v);
    tx.publish(variants_changed(*p));
    return std::move(*p);
  });
  cache_.refresh({product_id});
  return get(product_id);
}

Product ProductService::update_variant(const std::string& variant_id, const VariantPatch& patch) {
  const auto id = db_.transact([&](Tx& tx) {
    auto p = product_of_variant(tx, variant_id);
    auto& v = *std::find_if(p.variants.begin(), p.variants.end(), [&](const Variant& v) { return v.id == variant_id; });
    apply(patch, v);
    product_store::update_variant(tx.sql(), v);
    product_store::touch(tx.sql(), p.id, clock_.now());
    tx.publish(variants_changed(p));
    return p.id;
  });
  cache_.refresh({id});
  return get(id);
}

Product ProductService::remove_variant(const std::string& variant_id) {
  const auto id = db_.transact([&](Tx& tx) {
    auto p = product_of_variant(tx, variant_id);
    if (p.variants.size() == 1)
      throw Error(ErrorKind::conflict, "a product keeps at least one variant: delete the product instead");
    product_store::remove_variant(tx.sql(), variant_id);
    product_store::touch(tx.sql(), p.id, clock_.now());
    std::erase_if(p.variants, [&](const Variant& v) { return v.id == variant_id; });
    tx.publish(variants_changed(p));
    return p.id;
  });
  cache_.refresh({id});
  return get(id);
}

Product ProductService::set_prices(const std::string& variant_id, const std::vector<Price>& prices) {
  const auto id = db_.transact([&](Tx& tx) {
    auto p = product_of_variant(tx, variant_id);
    auto& v = *std::find_if(p.variants.begin(), p.variants.end(), [&](const Variant& v) { return v.id == variant_id; });
    v.prices = prices;
    product_store::replace_prices(tx.sql(), variant_id, prices);
    product_store::touch(tx.sql(), p.id, clock_.now());
    tx.publish(events::PriceChanged{p.id, v.id, v.sku, prices_of(v)});
    return p.id;
  });
  cache_.refresh({id});
  return get(id);
}

ImportReport ProductService::import(std::istream& in, const LineReader& read_line) {
  ImportReport report;
  std::string line;
  std::size_t number = 0;
  while (in) {
    std::vector<std::size_t> lines;
    std::vector<Product> products;
    for (std::size_t read = 0; read < kImportBatch && std::getline(in, line); ++read) {
      ++number;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      try {
        products.push_back(read_line(line));
        lines.push_back(number);
      } catch (const Error& e) {
        report.failed.emplace_back(number, e);
      }
    }
    if (!products.empty()) cache_.refresh(import_batch(lines, products, report));
  }
  std::sort(report.failed.begin(), report.failed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return report;
}

// One transaction for the batch, its inserts a few statements. Should they still fail (another
// writer took a slug or SKU since the check), the batch is done again a product at a time, each in
// a savepoint, so that only the clashing lines are refused.
std::vector<std::string> ProductService::import_batch(const std::vector<std::size_t>& lines,
                                                      std::vector<Product>& products, ImportReport& report) {
  std::vector<std::pair<std::size_t, Error>> refused;
  std::vector<std::string> created;
  const auto collect = [&](const std::vector<Product>& done, const std::vector<std::pair<std::size_t, Error>>& no) {
    for (const auto& p : done)
      if (!p.id.empty()) created.push_back(p.id);
    for (const auto& [i, e] : no) refused.emplace_back(lines[i], e);
  };
  try {
    db_.transact([&](Tx& tx) {
      refused.clear();
      created.clear();
      auto batch = products;
      collect(batch, insert_new(tx, batch));
    });
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::conflict) throw;
    db_.transact([&](Tx& tx) {
      refused.clear();
      created.clear();
      for (std::size_t i = 0; i < products.size(); ++i) {
        std::vector<Product> one{products[i]};
        try {
          tx.savepoint([&] {
            if (auto no = insert_new(tx, one); !no.empty()) throw std::move(no.front().second);
          });
          collect(one, {});
        } catch (const Error& e) {
          refused.emplace_back(lines[i], e);
        }
      }
    });
  }
  report.imported += created.size();
  for (auto& r : refused) report.failed.push_back(std::move(r));
  return created;
}

std::vector<Product> ProductService::all() {
  auto conn = db_.acquire();
  return product_store::load_all(*conn);
}

}  // namespace agora::catalog
