// agora-bench-server: the agora command line with the user, fx, catalog, inventory, cart, order,
// payment, notification and search modules (token verification, login, product pages, listings,
// reservations, carts, checkouts, messages, searches) plus routes that isolate the platform's costs.
//   GET /bench/inline  answered on the io thread
//   GET /bench/worker  the same answer from the worker pool
//   GET /bench/db      SELECT 1 through the connection pool, on the worker pool
//   POST /bench/events?n=N&keys=K   publishes N events on bench.events over K keys in one transaction
//   POST /bench/one_row?on=false    stops bench.one_row's writes (on=true: starts them again)
//   POST /bench/order_placed?customer_id=ID  commits an order.placed event of that customer
//   POST /bench/order_placed?n=N    commits N order.placed events of guests (one email each), in one transaction
// and the subscriber bench.one_row, whose handler writes one row per event of inventory.events and
// bench.events: the event latency under the reservation load, and the drain of a backlog. The
// checkout scenarios stop its writes: they measure the shop, not this subscriber.
#include <agora/core/app.hpp>
#include <agora/core/db.hpp>
#include <agora/core/events.hpp>
#include <agora/core/http.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/prepared.hpp>

#include <soci/soci.h>
#include <agora/cart/module.hpp>
#include <agora/catalog/module.hpp>
#include <agora/fx/module.hpp>
#include <agora/inventory/module.hpp>
#include <agora/notification/module.hpp>
#include <agora/order/events.hpp>
#include <agora/order/module.hpp>
#include <agora/payment/module.hpp>
#include <agora/search/module.hpp>
#include <agora/user/module.hpp>
#include <atomic>

namespace {

using namespace agora;

class BenchModule final : public Module {
 public:
  std::string_view name() const override { return "bench"; }
  void install(Platform& p) override {
    const auto hello = [](const http::Request&) { return http::Response::text("hello, world\n"); };
    p.router.add(http::Method::get, "/bench/inline", hello, {.run_inline = true});
    p.router.add(http::Method::get, "/bench/worker", hello);
    p.router.add(http::Method::get, "/bench/db", [&db = p.db](const http::Request&) {
      auto conn = db.acquire();
      int one = 0;
      *conn << "SELECT 1", soci::into(one);
      return http::Response::text(one == 1 ? "hello, world\n" : "unexpected\n");
    });
    p.router.add(http::Method::post, "/bench/events", [&db = p.db](const http::Request& r) {
      const auto n = std::stoll(std::string(r.query_param("n").value_or("1")));
      const auto keys = std::max(1LL, std::stoll(std::string(r.query_param("keys").value_or("64"))));
      db.transact([&](Tx& tx) {
        for (long long i = 0; i < n; ++i)
          tx.publish("bench.events", "bench.happened", 1, "key-" + std::to_string(i % keys), {{"n", i}});
      });
      return http::Response::json({{"published", n}}, 201);
    });
    p.router.add(http::Method::post, "/bench/order_placed", [&db = p.db](const http::Request& r) {
      const auto customer = r.query_param("customer_id");
      const auto n = customer ? 1 : std::stoll(std::string(r.query_param("n").value_or("1")));
      db.transact([&](Tx& tx) {
        for (long long i = 0; i < n; ++i) {
          const auto id = new_id();
          tx.publish(order::events::Placed{id, "B-" + id.substr(24),
                                           customer ? std::optional(std::string(*customer)) : std::nullopt,
                                           customer ? "" : "guest-" + std::to_string(i) + "@example.com", "EUR", 4250});
        }
      });
      return http::Response::json({{"published", n}}, 201);
    });
    p.router.add(http::Method::post, "/bench/one_row", [this](const http::Request& r) {
      one_row_on_ = r.query_param("on").value_or("true") == "true";
      return http::Response::json({{"on", one_row_on_.load()}});
    });
    p.events.subscribe({.name = "bench.one_row",
                        .topics = {"inventory.events", "bench.events"},
                        .types = {},
                        .handler =
                            [this](Tx& tx, const Event& e) {
                              if (!one_row_on_) return;
                              prepared::run(tx.sql(), "INSERT INTO bench.effects (event_id) VALUES (CAST($1 AS uuid))",
                                            {e.id});
                            },
                        .workers = 1,
                        .batch = 256});
    db_ = &p.db;
  }
  void start() override {
    auto conn = db_->acquire();
    *conn << "CREATE SCHEMA IF NOT EXISTS bench";
    *conn << "CREATE TABLE IF NOT EXISTS bench.effects (event_id uuid NOT NULL)";
  }

 private:
  Database* db_ = nullptr;
  std::atomic<bool> one_row_on_{true};
};

}  // namespace

int main(int argc, char** argv) {
  return agora::run_cli(
      argc, argv,
      {agora::user::make_module, agora::fx::make_module, agora::catalog::make_module, agora::inventory::make_module,
       agora::cart::make_module, agora::order::make_module, agora::payment::make_module,
       agora::notification::make_module, agora::search::make_module, [] { return std::make_unique<BenchModule>(); }},
      agora::embedded_migrations());
}
