#pragma once
// The composition root's handle on the user module.
#include <agora/core/module.hpp>

#include <memory>

namespace agora::user {

std::unique_ptr<Module> make_module();

}  // namespace agora::user
