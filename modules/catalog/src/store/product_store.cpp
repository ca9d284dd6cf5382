#include "store/product_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/sql_values.hpp>
#include <boost/json.hpp>
#include <soci/soci.h>

#include <unordered_map>

namespace agora::catalog::product_store {
namespace {

constexpr const char* kProductColumns =
    "SELECT CAST(p.id AS text), p.slug, p.status, p.brand, COALESCE(CAST(p.category_id AS text), ''),"
    " CAST(p.attributes AS text), CAST(p.images AS text), p.default_locale, p.revision, " AGORA_US("p.created_at") ", "
    AGORA_US("p.updated_at") ", COALESCE(r.count, 0), COALESCE(r.sum, 0), COALESCE(r.r1, 0), COALESCE(r.r2, 0),"
    " COALESCE(r.r3, 0), COALESCE(r.r4, 0), COALESCE(r.r5, 0)"
    " FROM catalog.products p LEFT JOIN catalog.rating_stats r ON r.product_id = p.id ";
constexpr const char* kTextColumns =
    "SELECT CAST(t.product_id AS text), t.locale, t.title, t.description FROM catalog.product_texts t ";
constexpr const char* kVariantColumns =
    "SELECT CAST(v.product_id AS text), CAST(v.id AS text), v.sku, CAST(v.options AS text),"
    " CAST(v.weight_grams AS bigint), CAST(v.length_mm AS bigint), CAST(v.width_mm AS bigint),"
    " CAST(v.height_mm AS bigint) FROM catalog.variants v ";
constexpr const char* kPriceColumns =
    "SELECT CAST(pr.variant_id AS text), pr.currency, pr.amount, pr.compare_at, " AGORA_US("pr.starts_at") ", "
    AGORA_US("pr.ends_at") " FROM catalog.prices pr JOIN catalog.variants v ON v.id = pr.variant_id ";

std::optional<std::int64_t> optional_int(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return r.get<long long>(i);
}

std::optional<Timestamp> optional_time(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return from_micros(r.get<long long>(i));
}

Pairs pairs_from(const std::string& json) {
  Pairs out;
  const auto parsed = boost::json::parse(json);
  for (const auto& [k, v] : parsed.as_object())
    if (v.is_string()) out.emplace_back(std::string(k), std::string(v.get_string()));
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

Product product_from(const soci::row& r) {
  Product p;
  p.id = r.get<std::string>(0);
  p.slug = r.get<std::string>(1);
  p.status = r.get<std::string>(2);
  p.brand = r.get<std::string>(3);
  p.category_id = r.get<std::string>(4);
  p.attributes = pairs_from(r.get<std::string>(5));
  const auto images = boost::json::parse(r.get<std::string>(6));
  for (const auto& i : images.as_array())
    p.images.push_back({std::string(i.at("url").as_string()), std::string(i.at("alt").as_string())});
  p.default_locale = r.get<std::string>(7);
  p.revision = r.get<long long>(8);
  p.created_at = from_micros(r.get<long long>(9));
  p.updated_at = from_micros(r.get<long long>(10));
  p.rating.count = r.get<int>(11);
  p.rating.sum = r.get<long long>(12);
  for (std::size_t i = 0; i < 5; ++i) p.rating.histogram[i] = r.get<int>(13 + i);
  return p;
}

// Runs the four queries with the same WHERE clause and assembles the products.
template <class... Uses>
std::vector<Product> load_where(soci::session& sql, const std::string& products_where, const std::string& rows_where,
                                Uses... uses) {
  std::vector<Product> out;
  std::unordered_map<std::string, std::size_t> index;
  {
    soci::rowset<soci::row> rows = ((sql.prepare << kProductColumns + products_where + " ORDER BY p.id"), ..., uses);
    for (const auto& r : rows) {
      out.push_back(product_from(r));
      index[out.back().id] = out.size() - 1;
    }
  }
  if (out.empty()) return out;
  {
    soci::rowset<soci::row> rows = ((sql.prepare << kTextColumns + rows_where), ..., uses);
    for (const auto& r : rows)
      if (auto it = index.find(r.get<std::string>(0)); it != index.end())
        out[it->second].texts[r.get<std::string>(1)] = {r.get<std::string>(2), r.get<std::string>(3)};
  }
  std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> variants;  // id -> product, variant
  {
    soci::rowset<soci::row> rows = ((sql.prepare << kVariantColumns + rows_where + " ORDER BY v.product_id, v.position"), ..., uses);
    for (const auto& r : rows) {
      auto it = index.find(r.get<std::string>(0));
      if (it == index.end()) continue;
      Variant v;
      v.id = r.get<std::string>(1);
      v.sku = r.get<std::string>(2);
      v.options = pairs_from(r.get<std::string>(3));
      v.dimensions = {optional_int(r, 4), optional_int(r, 5), optional_int(r, 6), optional_int(r, 7)};
      auto& list = out[it->second].variants;
      variants[v.id] = {it->second, list.size()};
      list.push_back(std::move(v));
    }
  }
  {
    soci::rowset<soci::row> rows = ((sql.prepare << kPriceColumns + rows_where + " ORDER BY pr.id"), ..., uses);
    for (const auto& r : rows) {
      auto it = variants.find(r.get<std::string>(0));
      if (it == variants.end()) continue;
      out[it->second.first].variants[it->second.second].prices.push_back(
          {r.get<std::string>(1), r.get<long long>(2), optional_int(r, 3), optional_time(r, 4), optional_time(r, 5)});
    }
  }
  return out;
}

// Rows go to PostgreSQL as one JSON array per table and are inserted in one statement each,
// however many products a write carries.
boost::json::value optional_json(const std::optional<std::int64_t>& v) { return v ? boost::json::value(*v) : nullptr; }
boost::json::value optional_micros(const std::optional<Timestamp>& t) {
  return t ? boost::json::value(micros(*t)) : nullptr;
}

void insert_rows(soci::session& sql, const std::string& statement, const boost::json::array& rows) {
  if (rows.empty()) return;
  const auto json = boost::json::serialize(rows);
  sql << statement, soci::use(json);
}

void price_rows(boost::json::array& rows, const std::string& variant_id, const std::vector<Price>& prices) {
  for (const auto& p : prices)
    rows.push_back({{"variant_id", variant_id}, {"currency", p.currency}, {"amount", p.amount},
                    {"compare_at", optional_json(p.compare_at)}, {"starts_at", optional_micros(p.starts_at)},
                    {"ends_at", optional_micros(p.ends_at)}});
}

void variant_rows(boost::json::array& variants, boost::json::array& prices, const std::string& product_id,
                  const Variant& v, int position) {
  const auto& d = v.dimensions;
  variants.push_back({{"id", v.id}, {"product_id", product_id}, {"sku", v.sku}, {"options", json_value(v.options)},
                      {"weight_grams", optional_json(d.weight_grams)}, {"length_mm", optional_json(d.length_mm)},
                      {"width_mm", optional_json(d.width_mm)}, {"height_mm", optional_json(d.height_mm)},
                      {"position", position}});
  price_rows(prices, v.id, v.prices);
}

void insert_prices(soci::session& sql, const boost::json::array& rows) {
  insert_rows(sql,
              "INSERT INTO catalog.prices (variant_id, currency, amount, compare_at, starts_at, ends_at)"
              " SELECT variant_id, currency, amount, compare_at, " AGORA_TS("starts_at") ", " AGORA_TS("ends_at")
              " FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(variant_id uuid, currency text, amount bigint,"
              " compare_at bigint, starts_at bigint, ends_at bigint)",
              rows);
}

void insert_variants(soci::session& sql, const boost::json::array& variants, const boost::json::array& prices) {
  insert_rows(sql,
              "INSERT INTO catalog.variants (id, product_id, sku, options, weight_grams, length_mm, width_mm,"
              " height_mm, position) SELECT * FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(id uuid,"
              " product_id uuid, sku text, options jsonb, weight_grams int, length_mm int, width_mm int,"
              " height_mm int, position int)",
              variants);
  insert_prices(sql, prices);
}

void text_rows(boost::json::array& rows, const Product& p) {
  for (const auto& [locale, text] : p.texts)
    rows.push_back({{"product_id", p.id}, {"locale", locale}, {"title", text.title}, {"description", text.description}});
}

void insert_texts(soci::session& sql, const boost::json::array& rows) {
  insert_rows(sql,
              "INSERT INTO catalog.product_texts (product_id, locale, title, description) SELECT * FROM"
              " jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(product_id uuid, locale text, title text,"
              " description text)",
              rows);
}

struct MeasureBinds {
  long long value[4];
  soci::indicator ind[4];
  explicit MeasureBinds(const Dimensions& d) {
    const std::optional<std::int64_t>* all[4] = {&d.weight_grams, &d.length_mm, &d.width_mm, &d.height_mm};
    for (int i = 0; i < 4; ++i) {
      value[i] = all[i]->value_or(0);
      ind[i] = *all[i] ? soci::i_ok : soci::i_null;
    }
  }
};

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

}  // namespace

std::optional<Product> load(soci::session& sql, const std::string& id, bool for_update) {
  if (for_update) {
    int found = 0;
    sql << "SELECT 1 FROM catalog.products WHERE id = CAST(:id AS uuid) FOR UPDATE", soci::use(id), soci::into(found);
    if (!found) return std::nullopt;
  }
  auto all = load_where(sql, "WHERE p.id = CAST(:id AS uuid)", "WHERE product_id = CAST(:id AS uuid)", soci::use(id));
  if (all.empty()) return std::nullopt;
  return std::move(all.front());
}

std::vector<Product> load_all(soci::session& sql) { return load_where(sql, "", ""); }

std::vector<Product> load_many(soci::session& sql, const std::vector<std::string>& ids) {
  std::string array = "{";
  for (const auto& id : ids) array += (array.size() > 1 ? "," : "") + id;
  array += "}";
  return load_where(sql, "WHERE p.id = ANY(CAST(:ids AS uuid[]))", "WHERE product_id = ANY(CAST(:ids AS uuid[]))",
                    soci::use(array));
}

namespace {

// Those of `values` that `query` finds (it reads them as the JSON array :v).
std::vector<std::string> found(soci::session& sql, const std::string& query, const std::vector<std::string>& values) {
  if (values.empty()) return {};
  const auto json = boost::json::serialize(boost::json::array(values.begin(), values.end()));
  soci::rowset<std::string> rows = (sql.prepare << query, soci::use(json));
  return {rows.begin(), rows.end()};
}

}  // namespace

std::vector<std::string> taken_skus(soci::session& sql, const std::vector<std::string>& skus) {
  return found(sql,
               "SELECT sku FROM catalog.variants WHERE sku IN"
               " (SELECT json_array_elements_text(CAST(:v AS json)))",
               skus);
}

std::vector<std::string> taken_slugs(soci::session& sql, const std::vector<std::string>& slugs) {
  return found(sql,
               "SELECT slug FROM catalog.products WHERE slug IN"
               " (SELECT json_array_elements_text(CAST(:v AS json)))",
               slugs);
}

std::optional<std::string> id_by_slug(soci::session& sql, const std::string& slug) {
  std::string id;
  soci::indicator ind = soci::i_null;
  sql << "SELECT CAST(id AS text) FROM catalog.products WHERE slug = :s", soci::use(slug), soci::into(id, ind);
  if (ind != soci::i_ok) return std::nullopt;
  return id;
}

void insert(soci::session& sql, std::span<const Product> products) {
  boost::json::array rows, texts, variants, prices;
  for (const auto& p : products) {
    rows.push_back({{"id", p.id}, {"slug", p.slug}, {"status", p.status}, {"brand", p.brand},
                    {"category_id", p.category_id.empty() ? boost::json::value() : boost::json::value(p.category_id)},
                    {"attributes", json_value(p.attributes)}, {"images", json_value(p.images)},
                    {"default_locale", p.default_locale}, {"revision", p.revision},
                    {"created_at", micros(p.created_at)}, {"updated_at", micros(p.updated_at)}});
    text_rows(texts, p);
    for (std::size_t i = 0; i < p.variants.size(); ++i)
      variant_rows(variants, prices, p.id, p.variants[i], static_cast<int>(i));
  }
  try {
    insert_rows(sql,
                "INSERT INTO catalog.products (id, slug, status, brand, category_id, attributes, images, default_locale,"
                " revision, created_at, updated_at) SELECT id, slug, status, brand, category_id, attributes, images,"
                " default_locale, revision, " AGORA_TS("created_at") ", " AGORA_TS("updated_at")
                " FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(id uuid, slug text, status text, brand text,"
                " category_id uuid, attributes jsonb, images jsonb, default_locale text, revision bigint,"
                " created_at bigint, updated_at bigint)",
                rows);
    insert_texts(sql, texts);
    insert_variants(sql, variants, prices);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    rethrow_unique(e);
  }
}

void update(soci::session& sql, const Product& p) {
  try {
    const auto updated = micros(p.updated_at);
    auto category = nullable(p.category_id.empty() ? std::nullopt : std::optional(p.category_id));
    const auto attributes = json_of(p.attributes), images = json_of(p.images);  // bound by reference
    sql << "UPDATE catalog.products SET slug = :slug, status = :status, brand = :brand, category_id = CAST(:cat AS uuid),"
           " attributes = CAST(:attrs AS jsonb), images = CAST(:images AS jsonb), default_locale = :locale,"
           " revision = revision + 1, updated_at = " AGORA_TS(":u") " WHERE id = CAST(:id AS uuid)",
        soci::use(p.slug), soci::use(p.status), soci::use(p.brand), soci::use(category.value, category.ind),
        soci::use(attributes), soci::use(images), soci::use(p.default_locale),
        soci::use(updated), soci::use(p.id);
    sql << "DELETE FROM catalog.product_texts WHERE product_id = CAST(:id AS uuid)", soci::use(p.id);
    boost::json::array texts;
    text_rows(texts, p);
    insert_texts(sql, texts);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    rethrow_unique(e);
  }
}

void remove(soci::session& sql, const std::string& id) {
  sql << "DELETE FROM catalog.products WHERE id = CAST(:id AS uuid)", soci::use(id);
}

void insert_variant(soci::session& sql, const std::string& product_id, const Variant& v, int position) {
  boost::json::array variants, prices;
  variant_rows(variants, prices, product_id, v, position);
  try {
    insert_variants(sql, variants, prices);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    rethrow_unique(e);
  }
}

void update_variant(soci::session& sql, const Variant& v) {
  MeasureBinds m(v.dimensions);
  const auto options = json_of(v.options);  // bound by reference
  sql << "UPDATE catalog.variants SET options = CAST(:o AS jsonb), weight_grams = :w, length_mm = :l, width_mm = :wd,"
         " height_mm = :h WHERE id = CAST(:id AS uuid)",
      soci::use(options), soci::use(m.value[0], m.ind[0]), soci::use(m.value[1], m.ind[1]),
      soci::use(m.value[2], m.ind[2]), soci::use(m.value[3], m.ind[3]), soci::use(v.id);
}

void remove_variant(soci::session& sql, const std::string& variant_id) {
  sql << "DELETE FROM catalog.variants WHERE id = CAST(:id AS uuid)", soci::use(variant_id);
}

void replace_prices(soci::session& sql, const std::string& variant_id, const std::vector<Price>& prices) {
  sql << "DELETE FROM catalog.prices WHERE variant_id = CAST(:v AS uuid)", soci::use(variant_id);
  boost::json::array rows;
  price_rows(rows, variant_id, prices);
  insert_prices(sql, rows);
}

void touch(soci::session& sql, const std::string& product_id, Timestamp now) {
  const auto at = micros(now);
  sql << "UPDATE catalog.products SET revision = revision + 1, updated_at = " AGORA_TS(":u")
         " WHERE id = CAST(:id AS uuid)",
      soci::use(at), soci::use(product_id);
}

std::optional<std::string> product_of_variant(soci::session& sql, const std::string& variant_id) {
  std::string id;
  soci::indicator ind = soci::i_null;
  sql << "SELECT CAST(product_id AS text) FROM catalog.variants WHERE id = CAST(:v AS uuid)", soci::use(variant_id),
      soci::into(id, ind);
  if (ind != soci::i_ok) return std::nullopt;
  return id;
}

}  // namespace agora::catalog::product_store
