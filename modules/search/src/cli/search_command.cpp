#include "cli/search_command.hpp"

#include "app/reindex_request.hpp"

#include <iostream>

namespace agora::search {

CliCommand search_command(Database& db) {
  return {"search", "agora search reindex   every running instance rebuilds its search index from the catalog",
          [&db](std::span<const std::string> args) {
            if (args.size() != 1 || args[0] != "reindex") {
              std::cerr << "usage: agora search reindex\n";
              return 2;
            }
            request_reindex(db, "cli");
            std::cout << "asked every running instance to rebuild its search index\n";
            return 0;
          }};
}

}  // namespace agora::search
