#pragma once
// The composition root's handle on the catalog module.
#include <agora/core/module.hpp>

#include <memory>

namespace agora::catalog {

std::unique_ptr<Module> make_module();

}  // namespace agora::catalog
