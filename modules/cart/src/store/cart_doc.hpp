#pragma once
// A cart as the JSON document both stores keep (Redis's doc field, PostgreSQL's cart.carts.doc).
#include "domain/cart.hpp"

#include <string>
#include <string_view>

namespace agora::cart {

std::string to_doc(const Cart& cart);
Cart from_doc(std::string_view doc);  // Error{internal} for a document that does not read

}  // namespace agora::cart
