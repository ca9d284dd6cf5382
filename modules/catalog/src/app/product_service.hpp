#pragma once
// Admin use cases on products, variants and price lists: validate, write and publish in one
// transaction, then refresh this instance's read model.
#include "app/product_cache.hpp"
#include "domain/product_input.hpp"

#include <agora/core/clock.hpp>
#include <agora/core/import_report.hpp>
#include <agora/core/error.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

namespace agora {
class Database;
class Tx;
}

namespace agora::catalog {

class ProductService {
 public:
  ProductService(Database& db, const Clock& clock, CatalogRules rules,
                 std::function<bool(const std::string&)> category_exists, ProductCache& cache);

  Product create(const boost::json::value& body);
  Product get(const std::string& id);  // any status; Error{not_found}
  Product update(const std::string& id, const boost::json::value& body);
  void remove(const std::string& id);

  Product add_variant(const std::string& product_id, const boost::json::value& body);
  Product update_variant(const std::string& variant_id, const boost::json::value& body);
  Product remove_variant(const std::string& variant_id);  // Error{conflict} for the last one
  Product set_prices(const std::string& variant_id, const boost::json::value& body);

  // One product per line (the create body); good lines land in batches, bad ones are reported
  // by line number. Streams: memory does not grow with the input.
  ImportReport import(std::istream& lines);
  // Every product as one line of NDJSON, in the shape import takes (plus ids).
  void export_all(std::ostream& out);

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
