#include <agora/core/module.hpp>

#include <algorithm>

namespace agora {

Services Services::for_module(std::string_view module, std::vector<ApiRef> required) const {
  Services view;
  view.apis_ = apis_;
  view.module_ = std::string(module);
  view.required_ = std::move(required);
  return view;
}

void* Services::find(const ApiRef& api) const {
  const bool declared =
      std::any_of(required_.begin(), required_.end(), [&](const ApiRef& r) { return r.type == api.type; });
  if (!module_.empty() && !declared)
    throw Error(ErrorKind::internal,
                "module " + module_ + " uses " + api.name() + " without declaring it in requirements()");
  auto it = apis_->find(api.type);
  if (it == apis_->end()) throw Error(ErrorKind::internal, "no module provides " + api.name());
  return it->second;
}

}  // namespace agora
