#include "app/checkout_service.hpp"

#include "app/order_events.hpp"
#include "domain/checkout.hpp"
#include "store/order_store.hpp"

#include <agora/core/ids.hpp>
#include <agora/core/log.hpp>
#include <agora/core/money.hpp>
#include <agora/order/events.hpp>

namespace agora::order {
namespace {

Error refused(const std::vector<Refusal>& refusals) {
  std::vector<FieldError> fields;
  for (const auto& r : refusals)
    fields.push_back({r.sku.empty() ? std::string("cart") : "lines." + r.sku, r.code + ": " + r.message});
  return Error(ErrorKind::conflict, "the cart changed since its lines were added: review it and check out again",
               std::move(fields));
}

}  // namespace

CheckoutService::CheckoutService(Database& db, cart::Api& carts, fx::Api& fx, payment::Api& payments, user::Api& users,
                                 const Clock& clock, const Options& options)
    : db_(db), carts_(carts), fx_(fx), payments_(payments), users_(users), clock_(clock), options_(options) {}

Checkout CheckoutService::start(const CheckoutRequest& request, const Buyer& buyer) {
  const auto& key = request.idempotency_key;
  // A customer's keys are theirs; a guest's are the cart's, which only its token holder can use.
  const auto caller = buyer.customer_id.empty() ? "cart:" + request.cart_id : "user:" + buyer.customer_id;
  if (auto earlier = replay(caller, key, request.request_hash)) return {std::move(*earlier), false};

  if (auto problems = payments_.problems(request.payment, "payment"); !problems.empty())
    throw Error(ErrorKind::validation, "the payment method cannot be used", std::move(problems));
  const auto cart = carts_.snapshot(request.cart_id, buyer.customer_id, buyer.cart_token);
  if (!cart) no_cart(request.cart_id);
  if (const auto r = refusals(*cart); !r.empty())
    throw refused(r);  // before require_complete: a line left out is named
  require_complete(*cart);

  const auto now = clock_.now();
  std::optional<std::int64_t> base_total;
  try {
    base_total = fx_.convert(Money(cart->total, cart->currency), options_.base_currency).minor();
  } catch (const Error& e) {
    // No rate for the pair: the order is still taken in its own currency; reports show it unconverted.
    log::warn("order: taken without a base-currency total, no exchange rate is known",
              {{"currency", cart->currency}, {"base_currency", options_.base_currency}, {"error", e.what()}});
  }
  const auto order =
      order_from(*cart, {new_id(), email_of(request, buyer), caller, key, request.request_hash, request.payment.gateway,
                         request.payment.token, request.payment.return_url, options_.base_currency, base_total, now});
  const auto inserted = db_.transact([&](Tx& tx) {
    const auto result = order_store::insert(tx.sql(), order);
    if (result == order_store::Inserted::ok) tx.publish(created_event(order));
    return result;
  });
  if (inserted == order_store::Inserted::key_taken) {
    if (auto earlier = replay(caller, key, request.request_hash)) return {std::move(*earlier), false};
  }
  if (inserted != order_store::Inserted::ok) no_cart(request.cart_id);
  return {order, true};
}

std::optional<Order> CheckoutService::replay(const std::string& caller, const std::string& key,
                                             const std::string& request_hash) {
  auto conn = db_.acquire();
  auto earlier = order_store::find_by_key(*conn, caller, key);
  if (earlier && earlier->request_hash != request_hash)
    throw Error(ErrorKind::validation, "this Idempotency-Key was used for another checkout",
                {{"Idempotency-Key", "use a new key for a new checkout"}});
  return earlier;
}

std::string CheckoutService::email_of(const CheckoutRequest& request, const Buyer& buyer) {
  if (!request.email.empty()) return request.email;
  if (!buyer.customer_id.empty())
    if (const auto user = users_.find(buyer.customer_id); user && !user->email.empty()) return user->email;
  throw Error(ErrorKind::validation, "an email is needed to send the order to", {{"email", "is required for a guest"}});
}

void CheckoutService::no_cart(const std::string& cart_id) {
  std::optional<std::string> open;
  if (is_uuid(cart_id)) {
    auto conn = db_.acquire();
    open = order_store::open_order_of_cart(*conn, cart_id);
  }
  if (open) throw Error(ErrorKind::conflict, "the cart is already being checked out as order " + *open);
  throw Error(ErrorKind::not_found, "no active cart " + cart_id + " that this buyer may check out");
}

}  // namespace agora::order
