#pragma once
// Reading and cancelling orders, each read checked against who asks: a customer sees their own
// orders, a guest the one their order token names, staff every order.
#include "domain/order.hpp"
#include "store/order_store.hpp"

#include <agora/core/clock.hpp>
#include <agora/core/db.hpp>

#include <string>
#include <vector>

namespace agora::order {

struct Viewer {
  std::string customer_id;  // "" for a guest
  bool staff = false;       // order_manager or admin
  std::string order_token;  // a guest's, from X-Order-Token
};

struct OrderPage {
  std::vector<Order> items;
  std::string next_cursor;  // "" on the last page
};

class OrderService {
 public:
  OrderService(Database& db, const Clock& clock, std::string guest_token_secret);

  // Error{not_found} for an order the viewer may not see, as for one that does not exist.
  Order get(const std::string& id, const Viewer& viewer);
  Order get(const std::string& id);  // for answers made for the buyer who just checked out
  // Its checkout has an answer (settled_for_checkout).
  bool settled(const std::string& id);
  OrderPage list(const order_store::Filter& filter, int limit, const std::string& cursor);
  // While nothing has shipped. Error{conflict} when it is too late.
  Order cancel(const std::string& id, const Viewer& viewer);

  // The order locked in `tx` for a change the viewer asks for: Error{not_found} as get() answers.
  Order lock_for(Tx& tx, const std::string& id, const Viewer& viewer) const;

  // The token a guest reads order `id` with: derived from the id, so it is never stored.
  std::string guest_token(const std::string& id) const;

 private:
  bool may_see(const Order& o, const Viewer& v) const;

  Database& db_;
  const Clock& clock_;
  std::string secret_;
};

}  // namespace agora::order
