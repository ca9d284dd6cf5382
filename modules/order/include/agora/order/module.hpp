#pragma once
// The composition root's handle on the order module.
#include <agora/core/module.hpp>

#include <memory>

namespace agora::order {

std::unique_ptr<Module> make_module();

}  // namespace agora::order
