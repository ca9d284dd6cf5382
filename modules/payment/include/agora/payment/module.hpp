#pragma once
// The composition root's handle on the payment module.
#include <agora/core/module.hpp>

#include <memory>

namespace agora::payment {

std::unique_ptr<Module> make_module();

}  // namespace agora::payment
