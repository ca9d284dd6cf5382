#pragma once
// The composition root's handle on the inventory module.
#include <agora/core/module.hpp>

#include <memory>

namespace agora::inventory {

std::unique_ptr<Module> make_module();

}  // namespace agora::inventory
