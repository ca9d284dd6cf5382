#pragma once
// Admin use cases on products, variants and price lists: validate, write and publish in one
// transaction, then refresh this instance's read model.
#include "app/product_cache.hpp"
#include "domain/product_input.hpp"

#include <agora/core/clock.hpp>
#include <agora/core/error.hpp>
#include <agora/core/import_report.hpp>

#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace agora {
class Database;
class Tx;
}  // namespace agora

namespace agora::catalog {

class ProductService {
 public:
  ProductService(Database& db, const Clock& clock, CatalogRules rules,
                 std::function<bool(const std::string&)> category_exists, ProductCache& cache);

  const CatalogRules& rules() const { return rules_; }

  // `product` as read from a create body (ids left empty).
  Product create(Product product);
  Product get(const std::string& id);  // any status; Error{not_found}
  Product update(const std::string& id, const ProductPatch& patch);
  void remove(const std::string& id);

  Product add_variant(const std::string& product_id, Variant variant);
  Product update_variant(const std::string& variant_id, const VariantPatch& patch);
  Product remove_variant(const std::string& variant_id);  // Error{conflict} for the last one
  Product set_prices(const std::string& variant_id, const std::vector<Price>& prices);

  // One product per line, read by read_line (an agora::Error refuses the line); good lines land
  // in batches, bad ones are reported by line number. Streams: memory does not grow with the input.
  using LineReader = std::function<Product(std::string_view line)>;
  ImportReport import(std::istream& lines, const LineReader& read_line);
  // Every product, with its ids (for an export).
  std::vector<Product> all();

 private:
  // Inserts those of `products` (validated) whose slug and SKUs are free, in the catalog and among
  // the earlier ones, giving them ids; the others by index, each with an Error naming the field.
  std::vector<std::pair<std::size_t, Error>> insert_new(Tx& tx, std::vector<Product>& products);
  // Inserts a batch of parsed import lines (`lines[i]` is the line number of `products[i]`);
  // reports refused lines and returns the ids created.
  std::vector<std::string> import_batch(const std::vector<std::size_t>& lines, std::vector<Product>& products,
                                        ImportReport& report);
  // Locks and loads the product of a variant; Error{not_found} when either is missing.
  Product product_of_variant(Tx& tx, const std::string& variant_id);

  Database& db_;
  const Clock& clock_;
  CatalogRules rules_;
  std::function<bool(const std::string&)> category_exists_;
  ProductCache& cache_;
};

}  // namespace agora::catalog
