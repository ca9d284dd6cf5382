#pragma once
// The composition root's handle on the fx module.
#include <agora/core/module.hpp>

#include <memory>

namespace agora::fx {

std::unique_ptr<Module> make_module();

}  // namespace agora::fx
