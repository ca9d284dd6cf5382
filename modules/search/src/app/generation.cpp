#include "app/generation.hpp"

#include <agora/core/log.hpp>

#include <filesystem>

namespace agora::search {

Generation::~Generation() {
  texts.clear();  // closes the databases before their files go
  if (!discard) return;
  std::error_code ec;
  std::filesystem::remove_all(directory, ec);
  if (ec) log::warn("search: could not remove a replaced index", {{"directory", directory}, {"error", ec.message()}});
}

}  // namespace agora::search
