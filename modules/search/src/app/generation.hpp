#pragma once
// One built index: every locale's text index and the product table, numbered by the same slots. A
// reindex builds a new generation in a directory of its own beside the current one and swaps it in;
// the old one's directory goes when the last search holding it lets go.
#include "app/product_table.hpp"
#include "engine/text_index.hpp"

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace agora::search {

struct Generation {
  std::string directory;
  ProductTable table;
  std::map<std::string, std::unique_ptr<TextIndex>, std::less<>> texts;  // by locale
  std::mutex pricing;  // a new price column and the indexer's price updates, one at a time
  std::atomic<bool> discard{false};

  explicit Generation(std::string dir) : directory(std::move(dir)) {}
  ~Generation();
};

}  // namespace agora::search
