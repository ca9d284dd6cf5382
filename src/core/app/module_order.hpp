#pragma once
// The order App installs modules in, from what each declares it requires.
#include <agora/core/module.hpp>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace agora {

// Each module's DEPENDS in CMake (agora_module), generated at build time.
using ModuleDepends = std::map<std::string, std::set<std::string>, std::less<>>;
const ModuleDepends& cmake_module_depends();

// `modules` reordered so that every module comes after the providers of the APIs it requires
// (ties by name, so the order given does not matter). Throws Error{internal} naming the module when
// two share a name, a required API has no provider among them, requirements form a cycle, or a
// module `depends` knows requires other modules than its DEPENDS names.
std::vector<std::unique_ptr<Module>> install_order(std::vector<std::unique_ptr<Module>> modules,
                                                   const ModuleDepends& depends);

}  // namespace agora
