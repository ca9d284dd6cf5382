#pragma once
// SQL on catalog.products, product_texts, variants and prices (and the rating aggregate, read only).
#include "domain/product.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace agora::catalog::product_store {

// The whole product with its texts, variants, prices and rating; nullopt when there is none.
// for_update locks the product row for the rest of the transaction.
std::optional<Product> load(soci::session& sql, const std::string& id, bool for_update = false);
// Those of `ids` that exist, in four queries.
std::vector<Product> load_many(soci::session& sql, const std::vector<std::string>& ids);
// Every product, in four queries however many there are (start-up of the read model).
std::vector<Product> load_all(soci::session& sql);
std::optional<std::string> id_by_slug(soci::session& sql, const std::string& slug);
// Those of `skus` that some variant has already.
std::vector<std::string> taken_skus(soci::session& sql, const std::vector<std::string>& skus);

// Inserts the products with their texts, variants and prices, in four statements however many.
// A duplicate slug or SKU throws Error{conflict} naming the field.
void insert(soci::session& sql, std::span<const Product> products);
// Those of `slugs` that some product has already.
std::vector<std::string> taken_slugs(soci::session& sql, const std::vector<std::string>& slugs);
// Writes product-level fields and texts, and bumps the revision.
void update(soci::session& sql, const Product& p);
void remove(soci::session& sql, const std::string& id);

void insert_variant(soci::session& sql, const std::string& product_id, const Variant& v, int position);
void update_variant(soci::session& sql, const Variant& v);
void remove_variant(soci::session& sql, const std::string& variant_id);
void replace_prices(soci::session& sql, const std::string& variant_id, const std::vector<Price>& prices);
void touch(soci::session& sql, const std::string& product_id, Timestamp now);  // revision + 1

// The product a variant belongs to, or nullopt.
std::optional<std::string> product_of_variant(soci::session& sql, const std::string& variant_id);

}  // namespace agora::catalog::product_store
