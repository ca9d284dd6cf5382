#pragma once
// The composition root's handle on the notification module.
#include <agora/core/module.hpp>

#include <memory>

namespace agora::notification {

std::unique_ptr<Module> make_module();

}  // namespace agora::notification
