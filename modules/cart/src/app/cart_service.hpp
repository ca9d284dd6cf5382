#pragma once
// The cart's use cases: create, read, change lines and saved lines, addresses, shipping method,
// discount codes, merge at sign-in. Each checks that the caller may see the cart (its owner, or the
// holder of a guest cart's token; anyone else is told there is no such cart) and If-Match.
#include "app/cart_pricer.hpp"
#include "app/cart_store.hpp"
#include "domain/cart.hpp"

#include <agora/cart/api.hpp>
#include <agora/core/error.hpp>
#include <agora/user/api.hpp>

#include <optional>
#include <string>
#include <vector>

namespace agora::cart {

// Who asks: a signed-in customer, the holder of a guest cart's token, or both.
struct Caller {
  std::string user_id;
  std::string cart_token;
};

struct NewCart {
  std::string currency;
  std::string locale;
};

// An address given inline, or the id of one of the customer's saved addresses.
struct AddressInput {
  std::optional<std::string> saved_address_id;
  CartAddress address;
  std::vector<FieldError> refused;  // fields of the address the body could not give (not strings, unknown keys)
};

struct CreatedCart {
  PricedCart cart;
  std::string token;      // a guest cart's secret, shown once; "" for a customer's cart
  bool existing = false;  // the customer's active cart, returned instead of a new one
};

class CartService final : public Api {
 public:
  CartService(CartStore& store, CartPricer& pricer, user::Api& users, const Clock& clock, Caps caps)
      : store_(store), pricer_(pricer), users_(users), clock_(clock), caps_(caps) {}

  CreatedCart create(const Caller& caller, const NewCart& request);
  PricedCart get(const Caller& caller, const std::string& id);
  PricedCart mine(const std::string& user_id);  // Error{not_found} when the customer has none

  using Version = std::optional<std::int64_t>;  // If-Match
  PricedCart add_line(const Caller& c, const std::string& id, Version v, const std::string& sku, std::int64_t qty);
  PricedCart set_quantity(const Caller& c, const std::string& id, Version v, const std::string& sku, std::int64_t qty);
  PricedCart remove_line(const Caller& c, const std::string& id, Version v, const std::string& sku);
  PricedCart save_for_later(const Caller& c, const std::string& id, Version v, const std::string& sku);
  PricedCart move_to_cart(const Caller& c, const std::string& id, Version v, const std::string& sku);
  PricedCart remove_saved(const Caller& c, const std::string& id, Version v, const std::string& sku);
  PricedCart set_address(const Caller& c, const std::string& id, Version v, bool shipping, const AddressInput& a);
  PricedCart set_shipping_method(const Caller& c, const std::string& id, Version v, const std::string& method_id);
  PricedCart add_code(const Caller& c, const std::string& id, Version v, const std::string& code);
  PricedCart remove_code(const Caller& c, const std::string& id, Version v, const std::string& code);
  // Merges the guest cart `guest_id` (its token in the caller) into the signed-in customer's cart,
  // or makes it theirs when they have none; again changes nothing. Returns the customer's cart.
  PricedCart merge(const Caller& c, const std::string& guest_id);

  // The hot paths without blocking (they run on Redis's I/O thread): each ends in `answer`, `fail`,
  // or `blocking` with the work to finish on the worker pool (Redis down or lacking the cart, another
  // write first, pricing that needs PostgreSQL).
  struct Continuation {
    std::function<void(PricedCart)> answer;
    std::function<void(std::exception_ptr)> fail;
    std::function<void(std::function<PricedCart()>)> blocking;
  };
  void get_async(const Caller& c, const std::string& id, Continuation k);
  void mine_async(const std::string& user_id, Continuation k);
  void add_line_async(const Caller& c, const std::string& id, Version v, const std::string& sku, std::int64_t qty,
                      Continuation k);

  // cart::Api
  std::optional<CartSnapshot> snapshot(std::string_view cart_id, std::string_view customer_id,
                                       std::string_view cart_token) override;
  void mark_checked_out(std::string_view cart_id, std::string_view order_id) override;
  void reopen(std::string_view cart_id, std::string_view order_id) override;

 private:
  // The change that adds a line, given the SKU's stock now.
  std::vector<PendingEvent> add_line_to(Cart& cart, const std::string& sku, std::int64_t qty, std::int64_t available);
  // Prices a stored cart from memory, or on the worker pool when it cannot.
  void answer_priced(const Cart& cart, const Continuation& k);
  PricedCart change(const Caller& c, const std::string& id, Version v, const CartStore::Change& fn);
  Cart visible(const Caller& c, const std::string& id);

  CartStore& store_;
  CartPricer& pricer_;
  user::Api& users_;
  const Clock& clock_;
  Caps caps_;
};

}  // namespace agora::cart
