#include "app/module_order.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace agora {
namespace {

[[noreturn]] void refuse(const std::string& message) { throw Error(ErrorKind::internal, message); }

std::set<std::string> required_modules(const Module& m) {
  std::set<std::string> out;
  for (const auto& r : m.requirements()) out.emplace(r.module);
  return out;
}

void check_declarations(const std::map<std::string, Module*, std::less<>>& by_name, const ModuleDepends& depends) {
  for (const auto& [name, module] : by_name) {
    for (const auto& r : module->requirements())
      if (!by_name.contains(r.module))
        refuse(fmt::format("module {} requires {}, which no module provides: add the {} module", name, r.name(),
                           r.module));
    const auto declared = depends.find(name);
    if (declared == depends.end()) continue;  // a module the build does not know (a test's)
    if (const auto required = required_modules(*module); required != declared->second)
      refuse(
          fmt::format("module {} requires the APIs of [{}] but its agora_module() in CMake DEPENDS on [{}]: "
                      "make them name the same modules",
                      name, fmt::join(required, ", "), fmt::join(declared->second, ", ")));
  }
}

}  // namespace

std::vector<std::unique_ptr<Module>> install_order(std::vector<std::unique_ptr<Module>> modules,
                                                   const ModuleDepends& depends) {
  std::map<std::string, Module*, std::less<>> by_name;
  for (auto& m : modules)
    if (!by_name.emplace(m->name(), m.get()).second) refuse(fmt::format("module {} is listed twice", m->name()));
  check_declarations(by_name, depends);

  std::vector<std::string> order;
  std::set<std::string> placed;
  while (placed.size() < by_name.size()) {
    const auto ready = std::find_if(by_name.begin(), by_name.end(), [&](const auto& entry) {
      if (placed.contains(entry.first)) return false;
      for (const auto& r : entry.second->requirements())
        if (!placed.contains(std::string(r.module))) return false;
      return true;
    });
    if (ready == by_name.end()) {
      std::vector<std::string> waiting;
      for (const auto& [name, _] : by_name)
        if (!placed.contains(name)) waiting.push_back(name);
      refuse(fmt::format("modules [{}] require each other's APIs: a cycle", fmt::join(waiting, ", ")));
    }
    placed.insert(ready->first);
    order.push_back(ready->first);
  }

  std::vector<std::unique_ptr<Module>> out;
  for (const auto& name : order)
    for (auto& m : modules)
      if (m && m->name() == name) out.push_back(std::move(m));
  return out;
}

}  // namespace agora
