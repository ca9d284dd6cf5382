#pragma once
// A product as admins read and export it: every locale and the full price lists. Without the
// ids and the read-only fields it is the body that creates the product.
#include "domain/product.hpp"

#include <boost/json/object.hpp>

namespace agora::catalog {

boost::json::object admin_view(const Product& p);
boost::json::object price_view(const Price& p);

}  // namespace agora::catalog
