#pragma once
// The composition root's handle on the cart module.
#include <agora/core/module.hpp>

#include <memory>

namespace agora::cart {

std::unique_ptr<Module> make_module();

}  // namespace agora::cart
