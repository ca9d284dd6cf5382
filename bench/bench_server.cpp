// agora-bench-server: the agora command line with the user, fx and catalog modules (token
// verification, login, product pages, listings) plus routes that isolate the platform's costs.
//   GET /bench/inline  answered on the io thread
//   GET /bench/worker  the same answer from the worker pool
//   GET /bench/db      SELECT 1 through the connection pool, on the worker pool
#include <agora/core/app.hpp>
#include <agora/core/db.hpp>
#include <agora/core/http.hpp>
#include <agora/catalog/module.hpp>
#include <agora/fx/module.hpp>
#include <agora/user/module.hpp>

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
  }
};

}  // namespace

int main(int argc, char** argv) {
  return agora::run_cli(argc, argv,
                        {agora::user::make_module, agora::fx::make_module, agora::catalog::make_module,
                         [] { return std::make_unique<BenchModule>(); }},
                        agora::embedded_migrations());
}
