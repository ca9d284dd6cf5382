#include "store/product_store.hpp"

#include "store/rating_columns.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/prepared.hpp>
#include <boost/json.hpp>

#include <unordered_map>

namespace agora::catalog::product_store {
namespace {

// The four reads that make whole products; each is completed by the same WHERE clause on the
// product id (none, one, or a list).
constexpr std::string_view kProducts =
    "SELECT p.id, p.slug, p.status, p.brand, COALESCE(p.category_id::text, '') AS category_id, p.tax_category,"
    " p.attributes, p.images, p.default_locale, p.revision, p.created_at, p.updated_at, COALESCE(r.count, 0) AS count,"
    " COALESCE(r.sum, 0) AS sum, COALESCE(r.r1, 0) AS r1, COALESCE(r.r2, 0) AS r2, COALESCE(r.r3, 0) AS r3,"
    " COALESCE(r.r4, 0) AS r4, COALESCE(r.r5, 0) AS r5"
    " FROM catalog.products p LEFT JOIN catalog.rating_stats r ON r.product_id = p.id ";
constexpr std::string_view kTexts =
    "SELECT t.product_id, t.locale, t.title, t.description FROM catalog.product_texts t ";
constexpr std::string_view kVariants =
    "SELECT v.product_id, v.id, v.sku, v.options, v.weight_grams, v.length_mm, v.width_mm, v.height_mm"
    " FROM catalog.variants v ";
constexpr std::string_view kPrices =
    "SELECT pr.variant_id, pr.currency, pr.amount, pr.compare_at, pr.starts_at, pr.ends_at"
    " FROM catalog.prices pr JOIN catalog.variants v ON v.id = pr.variant_id ";

struct Where {
  std::string_view products;  // on p
  std::string_view rows;      // on product_id (of a text or a variant)
};
constexpr Where kEvery{"", ""};
constexpr Where kOne{"WHERE p.id = $1", "WHERE product_id = $1"};
constexpr Where kAnyOf{"WHERE p.id = ANY($1::uuid[])", "WHERE product_id = ANY($1::uuid[])"};

std::string statement(std::string_view select, std::string_view where, std::string_view order = "") {
  return std::string(select) + std::string(where) + std::string(order);
}

// Attributes and options are stored as a jsonb object of strings, images as a jsonb array.
Pairs pairs_from(const std::string& json) {
  Pairs out;
  const auto parsed = boost::json::parse(json);
  for (const auto& [k, v] : parsed.as_object())
    if (v.is_string()) out.emplace_back(std::string(k), std::string(v.get_string()));
  return out;
}

std::vector<Image> images_from(const std::string& json) {
  std::vector<Image> out;
  const auto parsed = boost::json::parse(json);
  for (const auto& i : parsed.as_array())
    out.push_back({std::string(i.at("url").as_string()), std::string(i.at("alt").as_string())});
  return out;
}

boost::json::value json_value(const Pairs& pairs) {
  boost::json::object o;
  for (const auto& [k, v] : pairs) o[k] = v;
  return o;
}

boost::json::value json_value(const std::vector<Image>& images) {
  boost::json::array a;
  for (const auto& i : images) a.push_back({{"url", i.url}, {"alt", i.alt}});
  return a;
}

template <class T>
std::string json_of(const T& values) {
  return boost::json::serialize(json_value(values));
}

// Runs the four queries with the same WHERE clause and assembles the products.
std::vector<Product> load_where(soci::session& sql, const Where& where, const std::vector<prepared::Param>& params) {
  std::vector<Product> out;
  std::unordered_map<std::string, std::size_t> index;
  const auto products = prepared::run(sql, statement(kProducts, where.products, " ORDER BY p.id"), params);
  for (int i = 0; i < products.size(); ++i) {
    auto p = products.as<Product>(i);
    p.attributes = pairs_from(products.get<std::string>(i, "attributes"));
    p.images = images_from(products.get<std::string>(i, "images"));
    p.rating = rating_columns(products, i);
    index[p.id] = out.size();
    out.push_back(std::move(p));
  }
  if (out.empty()) return out;

  const auto texts = prepared::run(sql, statement(kTexts, where.rows), params);
  for (int i = 0; i < texts.size(); ++i)
    if (auto it = index.find(texts.get<std::string>(i, "product_id")); it != index.end())
      out[it->second].texts[texts.get<std::string>(i, "locale")] = texts.as<Text>(i);

  std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> variants;  // id -> product, variant
  const auto variant_rows =
      prepared::run(sql, statement(kVariants, where.rows, " ORDER BY v.product_id, v.position"), params);
  for (int i = 0; i < variant_rows.size(); ++i) {
    auto it = index.find(variant_rows.get<std::string>(i, "product_id"));
    if (it == index.end()) continue;
    auto v = variant_rows.as<Variant>(i);
    v.options = pairs_from(variant_rows.get<std::string>(i, "options"));
    v.dimensions = variant_rows.as<Dimensions>(i);
    auto& list = out[it->second].variants;
    variants[v.id] = {it->second, list.size()};
    list.push_back(std::move(v));
  }

  const auto prices = prepared::run(sql, statement(kPrices, where.rows, " ORDER BY pr.id"), params);
  for (int i = 0; i < prices.size(); ++i) {
    auto it = variants.find(prices.get<std::string>(i, "variant_id"));
    if (it == variants.end()) continue;
    out[it->second.first].variants[it->second.second].prices.push_back(prices.as<Price>(i));
  }
  return out;
}

// Rows go to PostgreSQL as one JSON array per table and are inserted in one statement each,
// however many products a write carries. Timestamps travel as PostgreSQL's own text of them.
boost::json::value optional_json(const std::optional<std::int64_t>& v) { return v ? boost::json::value(*v) : nullptr; }
boost::json::value time_json(const std::optional<Timestamp>& t) {
  return t ? boost::json::value(prepared::timestamptz_text(*t)) : nullptr;
}

void insert_rows(soci::session& sql, std::string_view statement, const boost::json::array& rows) {
  if (rows.empty()) return;
  prepared::run(sql, statement, {boost::json::serialize(rows)});
}

void price_rows(boost::json::array& rows, const std::string& variant_id, const std::vector<Price>& prices) {
  for (const auto& p : prices)
    rows.push_back({{"variant_id", variant_id},
                    {"currency", p.currency},
                    {"amount", p.amount},
                    {"compare_at", optional_json(p.compare_at)},
                    {"starts_at", time_json(p.starts_at)},
                    {"ends_at", time_json(p.ends_at)}});
}

void variant_rows(boost::json::array& variants, boost::json::array& prices, const std::string& product_id,
                  const Variant& v, int position) {
  const auto& d = v.dimensions;
  variants.push_back({{"id", v.id},
                      {"product_id", product_id},
                      {"sku", v.sku},
                      {"options", json_value(v.options)},
                      {"weight_grams", optional_json(d.weight_grams)},
                      {"length_mm", optional_json(d.length_mm)},
                      {"width_mm", optional_json(d.width_mm)},
                      {"height_mm", optional_json(d.height_mm)},
                      {"position", position}});
  price_rows(prices, v.id, v.prices);
}

void insert_prices(soci::session& sql, const boost::json::array& rows) {
  insert_rows(sql,
              "INSERT INTO catalog.prices (variant_id, currency, amount, compare_at, starts_at, ends_at)"
              " SELECT * FROM jsonb_to_recordset($1) AS r(variant_id uuid, currency text, amount bigint,"
              " compare_at bigint, starts_at timestamptz, ends_at timestamptz)",
              rows);
}

void insert_variants(soci::session& sql, const boost::json::array& variants, const boost::json::array& prices) {
  insert_rows(sql,
              "INSERT INTO catalog.variants (id, product_id, sku, options, weight_grams, length_mm, width_mm,"
              " height_mm, position) SELECT * FROM jsonb_to_recordset($1) AS r(id uuid, product_id uuid, sku text,"
              " options jsonb, weight_grams int, length_mm int, width_mm int, height_mm int, position int)",
              variants);
  insert_prices(sql, prices);
}

void text_rows(boost::json::array& rows, const Product& p) {
  for (const auto& [locale, text] : p.texts)
    rows.push_back(
        {{"product_id", p.id}, {"locale", locale}, {"title", text.title}, {"description", text.description}});
}

void insert_texts(soci::session& sql, const boost::json::array& rows) {
  insert_rows(sql,
              "INSERT INTO catalog.product_texts (product_id, locale, title, description) SELECT * FROM"
              " jsonb_to_recordset($1) AS r(product_id uuid, locale text, title text, description text)",
              rows);
}

// A unique violation becomes a conflict naming the field; anything else is rethrown.
[[noreturn]] void rethrow_unique(const std::exception& e) {
  if (sqlstate_of(e) == "23505") {
    const std::string what = e.what();
    if (what.find("products_slug_key") != std::string::npos)
      throw Error(ErrorKind::conflict, "the slug is taken", {{"slug", "is used by another product"}});
    if (what.find("variants_sku_key") != std::string::npos)
      throw Error(ErrorKind::conflict, "a SKU is taken", {{"sku", "is used by another variant"}});
  }
  throw;
}

// Runs write, turning a unique violation into a conflict naming the field.
template <class F>
void writing(F&& write) {
  try {
    write();
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    rethrow_unique(e);
  }
}

// Those of `values` that `query` finds in its column `column` (it reads them as the array $1).
std::vector<std::string> found(soci::session& sql, std::string_view query, std::string_view column,
                               const std::vector<std::string>& values) {
  if (values.empty()) return {};
  const auto rows = prepared::run(sql, query, {values});
  std::vector<std::string> out;
  for (int i = 0; i < rows.size(); ++i) out.push_back(rows.get<std::string>(i, column));
  return out;
}

std::optional<std::string> first(const prepared::Rows& rows, std::string_view column) {
  if (rows.empty()) return std::nullopt;
  return rows.get<std::string>(0, column);
}

}  // namespace

std::optional<Product> load(soci::session& sql, const std::string& id, bool for_update) {
  if (for_update && prepared::run(sql, "SELECT 1 FROM catalog.products WHERE id = $1 FOR UPDATE", {id}).empty())
    return std::nullopt;
  auto all = load_where(sql, kOne, {id});
  if (all.empty()) return std::nullopt;
  return std::move(all.front());
}

std::vector<Product> load_all(soci::session& sql) { return load_where(sql, kEvery, {}); }

std::vector<Product> load_many(soci::session& sql, const std::vector<std::string>& ids) {
  return load_where(sql, kAnyOf, {ids});
}

std::vector<std::string> taken_skus(soci::session& sql, const std::vector<std::string>& skus) {
  return found(sql, "SELECT sku FROM catalog.variants WHERE sku = ANY($1::text[])", "sku", skus);
}

std::vector<std::string> taken_slugs(soci::session& sql, const std::vector<std::string>& slugs) {
  return found(sql, "SELECT slug FROM catalog.products WHERE slug = ANY($1::text[])", "slug", slugs);
}

std::optional<std::string> id_by_slug(soci::session& sql, const std::string& slug) {
  return first(prepared::run(sql, "SELECT id FROM catalog.products WHERE slug = $1", {slug}), "id");
}

void insert(soci::session& sql, std::span<const Product> products) {
  boost::json::array rows, texts, variants, prices;
  for (const auto& p : products) {
    rows.push_back({{"id", p.id},
                    {"slug", p.slug},
                    {"status", p.status},
                    {"brand", p.brand},
                    {"category_id", p.category_id.empty() ? boost::json::value() : boost::json::value(p.category_id)},
                    {"tax_category", p.tax_category},
                    {"attributes", json_value(p.attributes)},
                    {"images", json_value(p.images)},
                    {"default_locale", p.default_locale},
                    {"revision", p.revision},
                    {"created_at", time_json(p.created_at)},
                    {"updated_at", time_json(p.updated_at)}});
    text_rows(texts, p);
    for (std::size_t i = 0; i < p.variants.size(); ++i)
      variant_rows(variants, prices, p.id, p.variants[i], static_cast<int>(i));
  }
  writing([&] {
    insert_rows(
        sql,
        "INSERT INTO catalog.products (id, slug, status, brand, category_id, tax_category, attributes, images,"
        " default_locale, revision, created_at, updated_at) SELECT * FROM jsonb_to_recordset($1) AS r(id uuid,"
        " slug text, status text, brand text, category_id uuid, tax_category text, attributes jsonb, images jsonb,"
        " default_locale text, revision bigint, created_at timestamptz, updated_at timestamptz)",
        rows);
    insert_texts(sql, texts);
    insert_variants(sql, variants, prices);
  });
}

void update(soci::session& sql, const Product& p) {
  writing([&] {
    prepared::run(
        sql,
        "UPDATE catalog.products SET slug = $1, status = $2, brand = $3, category_id = $4, tax_category = $5,"
        " attributes = $6, images = $7, default_locale = $8, revision = revision + 1, updated_at = $9 WHERE id = $10",
        {p.slug, p.status, p.brand, p.category_id.empty() ? std::optional<std::string>() : std::optional(p.category_id),
         p.tax_category, json_of(p.attributes), json_of(p.images), p.default_locale, p.updated_at, p.id});
    prepared::run(sql, "DELETE FROM catalog.product_texts WHERE product_id = $1", {p.id});
    boost::json::array texts;
    text_rows(texts, p);
    insert_texts(sql, texts);
  });
}

void remove(soci::session& sql, const std::string& id) {
  prepared::run(sql, "DELETE FROM catalog.products WHERE id = $1", {id});
}

void insert_variant(soci::session& sql, const std::string& product_id, const Variant& v, int position) {
  boost::json::array variants, prices;
  variant_rows(variants, prices, product_id, v, position);
  writing([&] { insert_variants(sql, variants, prices); });
}

void update_variant(soci::session& sql, const Variant& v) {
  const auto& d = v.dimensions;
  prepared::run(sql,
                "UPDATE catalog.variants SET options = $1, weight_grams = $2, length_mm = $3, width_mm = $4,"
                " height_mm = $5 WHERE id = $6",
                {json_of(v.options), d.weight_grams, d.length_mm, d.width_mm, d.height_mm, v.id});
}

void remove_variant(soci::session& sql, const std::string& variant_id) {
  prepared::run(sql, "DELETE FROM catalog.variants WHERE id = $1", {variant_id});
}

void replace_prices(soci::session& sql, const std::string& variant_id, const std::vector<Price>& prices) {
  prepared::run(sql, "DELETE FROM catalog.prices WHERE variant_id = $1", {variant_id});
  boost::json::array rows;
  price_rows(rows, variant_id, prices);
  insert_prices(sql, rows);
}

void touch(soci::session& sql, const std::string& product_id, Timestamp now) {
  prepared::run(sql, "UPDATE catalog.products SET revision = revision + 1, updated_at = $1 WHERE id = $2",
                {now, product_id});
}

std::optional<std::string> product_of_variant(soci::session& sql, const std::string& variant_id) {
  return first(prepared::run(sql, "SELECT product_id FROM catalog.variants WHERE id = $1", {variant_id}), "product_id");
}

}  // namespace agora::catalog::product_store
