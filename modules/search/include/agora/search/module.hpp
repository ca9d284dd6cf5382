#pragma once
// The composition root's handle on the search module.
#include <agora/core/module.hpp>

#include <memory>

namespace agora::search {

std::unique_ptr<Module> make_module();

}  // namespace agora::search
