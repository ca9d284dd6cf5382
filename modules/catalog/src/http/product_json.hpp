#pragma once
// Products over HTTP (and in NDJSON files): admin bodies read field by field into typed requests,
// so one 422 lists every problem (fields named by path: "variants[0].prices[1].currency"), and
// products as admins read and export them.
#include "app/product_service.hpp"
#include "domain/product_input.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <istream>
#include <ostream>
#include <vector>

namespace agora::catalog {

// A new product with its variants; ids are left empty for the caller to assign.
Product parse_new_product(const boost::json::value& body, const CatalogRules& rules);
ProductPatch parse_product_patch(const boost::json::value& body);
Variant parse_new_variant(const boost::json::value& body, const CatalogRules& rules);
VariantPatch parse_variant_patch(const boost::json::value& body);
std::vector<Price> parse_price_list(const boost::json::value& body, const CatalogRules& rules);

// {"name": "value", ...} and [{url, alt}, ...], as every view shows them.
boost::json::object pairs_json(const Pairs& pairs);
boost::json::array images_json(const std::vector<Image>& images);

// Every locale and the full price lists. Without the ids and the read-only fields it is the body
// that creates the product.
boost::json::object product_json(const Product& p);

// NDJSON, one product per line. An imported line is a create body or an exported line (whose
// ids and read-only fields are dropped); an exported line is product_json.
ImportReport import_ndjson(ProductService& products, std::istream& lines);
void export_ndjson(ProductService& products, std::ostream& out);

}  // namespace agora::catalog
