#include "store/cart_doc.hpp"

#include <agora/core/error.hpp>
#include <agora/core/event_json.hpp>
#include <boost/json/parse.hpp>

namespace agora::cart {

using agora::event_json::tag_invoke;

std::string to_doc(const Cart& cart) { return event_json::to_text(cart); }

Cart from_doc(std::string_view doc) {
  try {
    return boost::json::value_to<Cart>(boost::json::parse(doc));
  } catch (const std::exception& e) {
    throw Error(ErrorKind::internal, std::string("a stored cart does not read: ") + e.what());
  }
}

}  // namespace agora::cart
