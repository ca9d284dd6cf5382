#pragma once
// Asks every instance to rebuild its index from the catalog: search.reindex_requested, which each
// instance's watcher hears (the admin route and `agora search reindex`).
#include <string>

namespace agora {
class Database;
}

namespace agora::search {

void request_reindex(Database& db, const std::string& requested_by);

}  // namespace agora::search
