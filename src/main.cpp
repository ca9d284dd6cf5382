// The composition root: the agora command line with every domain module (in any order: App
// installs each after the modules whose APIs it requires).
#include <agora/cart/module.hpp>
#include <agora/catalog/module.hpp>
#include <agora/core/app.hpp>
#include <agora/fx/module.hpp>
#include <agora/inventory/module.hpp>
#include <agora/notification/module.hpp>
#include <agora/order/module.hpp>
#include <agora/payment/module.hpp>
#include <agora/search/module.hpp>
#include <agora/user/module.hpp>

int main(int argc, char** argv) {
  return agora::run_cli(argc, argv,
                        {agora::cart::make_module, agora::catalog::make_module, agora::fx::make_module,
                         agora::inventory::make_module, agora::notification::make_module, agora::order::make_module,
                         agora::payment::make_module, agora::search::make_module, agora::user::make_module},
                        agora::embedded_migrations());
}
