#include "app/cart_service.hpp"

#include <agora/cart/events.hpp>
#include <agora/core/digest.hpp>
#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>

#include <algorithm>
#include <cctype>

namespace agora::cart {
namespace {

// Another caller's cart answers as one that does not exist.
Error no_cart(std::string_view id) { return Error(ErrorKind::not_found, "no cart with the id " + std::string(id)); }

bool may_see(const Cart& cart, const Caller& c) {
  if (!cart.owner_id.empty()) return cart.owner_id == c.user_id;
  return !c.cart_token.empty() && tokens_match(cart.token_hash, sha256_hex(c.cart_token));
}

void check_version(const Cart& cart, CartService::Version v) {
  if (v && *v != cart.version)
    throw Error(ErrorKind::precondition_failed, "the cart changed since version " + std::to_string(*v) +
                                                    "; it is at version " + std::to_string(cart.version));
}

std::vector<PendingEvent> events_of(const Cart& cart, const std::vector<LineChange>& changes) {
  std::vector<PendingEvent> out;
  for (const auto& c : changes) switch (c.kind) {
      case LineChange::Kind::added:
        out.push_back(pending(events::LineAdded{cart.id, c.sku, c.quantity, c.unit_price, cart.currency}));
        break;
      case LineChange::Kind::changed:
        out.push_back(pending(events::LineChanged{cart.id, c.sku, c.quantity, c.previous_quantity}));
        break;
      case LineChange::Kind::removed:
        out.push_back(pending(events::LineRemoved{cart.id, c.sku, c.quantity}));
        break;
    }
  return out;
}

// A line may hold what the stock has now: Error{validation} naming quantity otherwise.
void check_stock(std::int64_t wanted, std::int64_t available) {
  if (available < wanted)
    throw Error(
        ErrorKind::validation, "invalid line",
        {{"quantity", available <= 0 ? "the SKU is out of stock" : "only " + std::to_string(available) + " in stock"}});
}

std::string upper(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

SnapshotAddress snapshot_address(const CartAddress& a) {
  return {a.recipient, a.line1, a.line2, a.city, a.region, a.postal_code, a.country, a.phone};
}

}  // namespace

Cart CartService::visible(const Caller& c, const std::string& id) {
  auto cart = is_uuid(id) ? store_.find(id) : std::nullopt;
  if (!cart || !may_see(*cart, c)) throw no_cart(id);
  return *cart;
}

PricedCart CartService::change(const Caller& c, const std::string& id, Version v, const CartStore::Change& fn) {
  if (!is_uuid(id)) throw no_cart(id);
  return pricer_.price(store_.update(id, [&](Cart& cart) {
    if (!may_see(cart, c)) throw no_cart(id);
    check_version(cart, v);
    return fn(cart);
  }));
}

CreatedCart CartService::create(const Caller& caller, const NewCart& request) {
  Cart cart;
  cart.id = new_id();
  cart.currency = request.currency;
  cart.locale = request.locale;
  std::string token;
  if (!caller.user_id.empty()) {
    cart.owner_id = caller.user_id;
  } else {
    token = new_secret(32);
    cart.token_hash = sha256_hex(token);
  }
  auto stored = store_.create(cart);
  const bool existing = stored.id != cart.id;
  return {pricer_.price(stored), existing ? "" : token, existing};
}

PricedCart CartService::get(const Caller& c, const std::string& id) { return pricer_.price(visible(c, id)); }

PricedCart CartService::mine(const std::string& user_id) {
  auto cart = store_.find_owned(user_id);
  if (!cart) throw Error(ErrorKind::not_found, "the customer has no active cart");
  return pricer_.price(*cart);
}

std::vector<PendingEvent> CartService::add_line_to(Cart& cart, const std::string& sku, std::int64_t qty,
                                                   std::int64_t available) {
  require_active(cart);
  const auto offer = pricer_.offer(sku, cart);
  const auto it = std::find_if(cart.lines.begin(), cart.lines.end(), [&](const Line& l) { return l.sku == sku; });
  const auto wanted = qty + (it == cart.lines.end() ? 0 : it->quantity);
  check_stock(wanted, available);
  return events_of(cart, cart::add_line(cart, sku, qty, snapshot_of(offer), caps_, clock_.now()));
}

PricedCart CartService::add_line(const Caller& c, const std::string& id, Version v, const std::string& sku,
                                 std::int64_t qty) {
  return change(c, id, v, [&](Cart& cart) { return add_line_to(cart, sku, qty, pricer_.available(sku)); });
}

void CartService::answer_priced(const Cart& cart, const Continuation& k) {
  if (auto priced = pricer_.price_from_memory(cart)) return k.answer(std::move(*priced));
  k.blocking([this, cart] { return pricer_.price(cart); });
}

void CartService::get_async(const Caller& c, const std::string& id, Continuation k) {
  if (!is_uuid(id)) return k.fail(std::make_exception_ptr(no_cart(id)));
  store_.find_async(id, [this, c, id, k = std::move(k)](std::optional<Cart> cart, std::exception_ptr error) {
    try {
      if (error) return k.fail(error);
      if (!cart) return k.blocking([this, c, id] { return get(c, id); });
      if (!may_see(*cart, c)) throw no_cart(id);
      answer_priced(*cart, k);
    } catch (...) {
      k.fail(std::current_exception());
    }
  });
}

void CartService::mine_async(const std::string& user_id, Continuation k) {
  store_.find_owned_async(user_id,
                          [this, user_id, k = std::move(k)](std::optional<Cart> cart, std::exception_ptr error) {
                            try {
                              if (error) return k.fail(error);
                              if (!cart) return k.blocking([this, user_id] { return mine(user_id); });
                              answer_priced(*cart, k);
                            } catch (...) {
                              k.fail(std::current_exception());
                            }
                          });
}

void CartService::add_line_async(const Caller& c, const std::string& id, Version v, const std::string& sku,
                                 std::int64_t qty, Continuation k) {
  if (!is_uuid(id)) return k.fail(std::make_exception_ptr(no_cart(id)));
  const auto available = pricer_.cached_available(sku);
  const auto blocking = [this, c, id, v, sku, qty, k] {
    k.blocking([this, c, id, v, sku, qty] { return add_line(c, id, v, sku, qty); });
  };
  if (!available) return blocking();
  store_.update_async(
      id,
      [this, c, v, sku, qty, available](Cart& current) {
        if (!may_see(current, c)) throw no_cart(current.id);
        check_version(current, v);
        return add_line_to(current, sku, qty, *available);
      },
      [this, k, blocking](std::optional<Cart> stored, std::exception_ptr failed) {
        try {
          if (failed) return k.fail(failed);
          if (!stored) return blocking();  // another write came first, or Redis could not: the full path
          answer_priced(*stored, k);
        } catch (...) {
          k.fail(std::current_exception());
        }
      });
}

PricedCart CartService::set_quantity(const Caller& c, const std::string& id, Version v, const std::string& sku,
                                     std::int64_t qty) {
  return change(c, id, v, [&](Cart& cart) {
    if (qty > 0) check_stock(qty, pricer_.available(sku));
    return events_of(cart, cart::set_quantity(cart, sku, qty, caps_));
  });
}

PricedCart CartService::remove_line(const Caller& c, const std::string& id, Version v, const std::string& sku) {
  return change(c, id, v, [&](Cart& cart) { return events_of(cart, cart::remove_line(cart, sku)); });
}

PricedCart CartService::save_for_later(const Caller& c, const std::string& id, Version v, const std::string& sku) {
  return change(c, id, v, [&](Cart& cart) { return events_of(cart, cart::save_for_later(cart, sku, caps_)); });
}

PricedCart CartService::move_to_cart(const Caller& c, const std::string& id, Version v, const std::string& sku) {
  return change(c, id, v, [&](Cart& cart) { return events_of(cart, cart::move_to_cart(cart, sku, caps_)); });
}

PricedCart CartService::remove_saved(const Caller& c, const std::string& id, Version v, const std::string& sku) {
  return change(c, id, v, [&](Cart& cart) {
    cart::remove_saved(cart, sku);
    return std::vector<PendingEvent>{};
  });
}

PricedCart CartService::set_address(const Caller& c, const std::string& id, Version v, bool shipping,
                                    const AddressInput& input) {
  auto address = input.address;
  if (input.saved_address_id) {
    const auto saved = c.user_id.empty() ? std::nullopt : users_.find_address(c.user_id, *input.saved_address_id);
    if (!saved)
      throw Error(ErrorKind::validation, "invalid address",
                  {{"saved_address_id", "is not one of the customer's saved addresses"}});
    address = {saved->id,     saved->recipient,   saved->line1,   saved->line2, saved->city,
               saved->region, saved->postal_code, saved->country, saved->phone};
  } else {
    const user::Address judged{.recipient = address.recipient,
                               .line1 = address.line1,
                               .line2 = address.line2,
                               .city = address.city,
                               .region = address.region,
                               .postal_code = address.postal_code,
                               .country = address.country,
                               .phone = address.phone};
    // One 422 for the whole address: what the body could not give, then what else the user module
    // finds wrong.
    auto problems = input.refused;
    const auto refused = [&](const FieldError& e) {
      return std::any_of(input.refused.begin(), input.refused.end(),
                         [&](const FieldError& r) { return r.field == e.field; });
    };
    for (auto& e : users_.address_problems(judged))
      if (!refused(e)) problems.push_back(std::move(e));
    if (!problems.empty()) throw Error(ErrorKind::validation, "invalid address", std::move(problems));
  }
  return change(c, id, v, [&](Cart& cart) {
    require_active(cart);
    (shipping ? cart.shipping_address : cart.billing_address) = address;
    return std::vector<PendingEvent>{};
  });
}

PricedCart CartService::set_shipping_method(const Caller& c, const std::string& id, Version v,
                                            const std::string& method_id) {
  return change(c, id, v, [&](Cart& cart) {
    require_active(cart);
    auto trial = cart;
    trial.shipping_method_id = method_id;
    if (!pricer_.price(trial).price.shipping_method_valid)
      throw Error(ErrorKind::validation, "invalid shipping method",
                  {{"id", cart.shipping_address ? "is not a method that ships this cart to its address"
                                                : "needs a shipping address first"}});
    cart.shipping_method_id = method_id;
    return std::vector<PendingEvent>{};
  });
}

PricedCart CartService::add_code(const Caller& c, const std::string& id, Version v, const std::string& code) {
  const auto wanted = upper(code);
  const auto rules = pricer_.rules();
  if (std::none_of(rules->codes.begin(), rules->codes.end(), [&](const DiscountCode& d) { return d.code == wanted; }))
    throw Error(ErrorKind::validation, "invalid discount code", {{"code", "is not a code of this shop"}});
  return change(c, id, v, [&](Cart& cart) {
    require_active(cart);
    if (std::find(cart.discount_codes.begin(), cart.discount_codes.end(), wanted) != cart.discount_codes.end())
      return std::vector<PendingEvent>{};
    if (cart.discount_codes.size() >= caps_.max_codes)
      throw Error(ErrorKind::validation, "invalid discount code",
                  {{"code", "a cart takes at most " + std::to_string(caps_.max_codes) + " codes"}});
    cart.discount_codes.push_back(wanted);
    return std::vector<PendingEvent>{};
  });
}

PricedCart CartService::remove_code(const Caller& c, const std::string& id, Version v, const std::string& code) {
  return change(c, id, v, [&](Cart& cart) {
    require_active(cart);
    const auto it = std::find(cart.discount_codes.begin(), cart.discount_codes.end(), upper(code));
    if (it == cart.discount_codes.end()) throw Error(ErrorKind::not_found, "the cart has no such code");
    cart.discount_codes.erase(it);
    return std::vector<PendingEvent>{};
  });
}

PricedCart CartService::merge(const Caller& c, const std::string& guest_id) {
  if (c.user_id.empty()) throw Error(ErrorKind::unauthorized, "sign in to merge a cart");
  const auto guest = visible({"", c.cart_token}, guest_id);
  if (guest.status == CartStatus::merged) {  // done before: the customer's cart as it is
    if (auto mine = store_.find_owned(c.user_id); mine && mine->id == guest.merged_into) return pricer_.price(*mine);
  }
  const Caller as_guest{"", c.cart_token};
  auto into = store_.find_owned(c.user_id);
  if (!into) {  // the customer adopts the guest cart
    try {
      return pricer_.price(store_.update(guest_id, [&](Cart& cart) {
        if (!may_see(cart, as_guest)) throw no_cart(cart.id);
        require_active(cart);
        cart.owner_id = c.user_id;
        cart.token_hash.clear();
        return std::vector<PendingEvent>{pending(events::Merged{cart.id, cart.id, c.user_id})};
      }));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::conflict) throw;
      into = store_.find_owned(c.user_id);  // a cart of theirs appeared meanwhile: merge into it
      if (!into) throw;
    }
  }
  // The customer's cart first: should the process stop between the two writes, merging again
  // finds the guest cart still active and changes nothing twice (the larger quantity wins).
  auto lines = guest;
  if (lines.currency != into->currency)  // lines keep what they show, priced in the customer's currency
    for (auto* list : {&lines.lines, &lines.saved})
      for (auto& l : *list)
        if (auto offer = pricer_.offer_or_none(l.sku, *into)) l.added = snapshot_of(*offer);
  const auto merged = store_.update(into->id, [&](Cart& cart) {
    if (cart.owner_id != c.user_id) throw no_cart(cart.id);
    auto copy = lines;
    return events_of(cart, merge_into(copy, cart, caps_, clock_.now()));
  });
  store_.update(guest_id, [&](Cart& cart) {
    if (!may_see(cart, as_guest)) throw no_cart(cart.id);
    require_active(cart);
    cart.status = CartStatus::merged;
    cart.merged_into = merged.id;
    return std::vector<PendingEvent>{pending(events::Merged{cart.id, merged.id, c.user_id})};
  });
  return pricer_.price(merged);
}

std::optional<CartSnapshot> CartService::snapshot(std::string_view cart_id, std::string_view customer_id,
                                                  std::string_view cart_token) {
  const auto cart = is_uuid(cart_id) ? store_.find(std::string(cart_id)) : std::nullopt;
  if (!cart || cart->status != CartStatus::active ||
      !may_see(*cart, {std::string(customer_id), std::string(cart_token)}))
    return std::nullopt;
  const auto priced = pricer_.price(*cart);
  const auto& p = priced.price;
  CartSnapshot s{cart->id,
                 cart->version,
                 cart->owner_id,
                 cart->currency,
                 p.tax_inclusive,
                 {},
                 p.subtotal,
                 p.discount,
                 p.shipping,
                 p.tax,
                 p.total,
                 {},
                 {},
                 {},
                 {},
                 {}};
  for (std::size_t i = 0; i < cart->lines.size(); ++i) {
    const auto& state = priced.lines[i];
    if (!state.priced) continue;
    const auto& a = p.lines[*state.priced];
    s.lines.push_back({a.sku, state.offer->product_id, state.offer->title, a.quantity, a.unit_price, state.added_price,
                       state.offer->converted, a.subtotal, a.discount, a.shipping, a.tax, a.total});
  }
  if (p.shipping_method_valid) s.shipping_method_id = cart->shipping_method_id;
  for (const auto& code : p.codes)
    if (code.reason.empty()) s.discount_codes.push_back(code.code);
  if (cart->shipping_address) s.shipping_address = snapshot_address(*cart->shipping_address);
  if (cart->billing_address) s.billing_address = snapshot_address(*cart->billing_address);
  for (const auto& problem : priced.problems) s.problems.push_back({problem.code, problem.sku, problem.message});
  return s;
}

void CartService::mark_checked_out(std::string_view cart_id, std::string_view order_id) {
  if (!is_uuid(cart_id)) throw no_cart(cart_id);
  // A redelivered order.created finds its cart checked out already: nothing to write, no new version.
  if (const auto cart = store_.find(std::string(cart_id));
      cart && cart->status == CartStatus::checked_out && cart->order_id == order_id)
    return;
  store_.update(std::string(cart_id), [&](Cart& cart) {
    if (cart.status == CartStatus::checked_out && cart.order_id == order_id) return std::vector<PendingEvent>{};
    require_active(cart);
    cart.status = CartStatus::checked_out;
    cart.order_id = order_id;
    return std::vector<PendingEvent>{pending(events::CheckedOut{cart.id, std::string(order_id)})};
  });
}

void CartService::reopen(std::string_view cart_id, std::string_view order_id) {
  const auto checked_out_by_order = [&](const Cart& cart) {
    return cart.status == CartStatus::checked_out && cart.order_id == order_id;
  };
  if (!is_uuid(cart_id)) return;
  if (const auto cart = store_.find(std::string(cart_id)); !cart || !checked_out_by_order(*cart)) return;
  store_.update(std::string(cart_id), [&](Cart& cart) {
    if (!checked_out_by_order(cart)) return std::vector<PendingEvent>{};
    cart.status = CartStatus::active;
    cart.order_id.clear();
    return std::vector<PendingEvent>{pending(events::Reopened{cart.id, std::string(order_id)})};
  });
}

}  // namespace agora::cart
