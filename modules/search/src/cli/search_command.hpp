#pragma once
// `agora search reindex`: every running instance rebuilds its search index from the catalog and
// swaps it in (through search.reindex_requested); searches go on meanwhile.
#include <agora/core/module.hpp>

namespace agora {
class Database;
}

namespace agora::search {

CliCommand search_command(Database& db);

}  // namespace agora::search
