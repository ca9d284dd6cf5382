#pragma once
// The search module's routes: public search, suggestions and clicks; admin reports, synonyms,
// reindex and status.
#include "app/analytics.hpp"
#include "app/indexer.hpp"
#include "app/searcher.hpp"
#include "app/suggester.hpp"
#include "app/synonyms.hpp"

#include <agora/core/http.hpp>

namespace agora {
class Database;
}

namespace agora::search {

struct SearchParts {
  Searcher& searcher;
  Suggester& suggester;
  Analytics& analytics;
  SynonymService& synonyms;
  Indexer& indexer;
  Database& db;
  const Options& options;
};

void add_public_routes(http::Router& router, const SearchParts& parts);
void add_admin_routes(http::Router& router, const SearchParts& parts);

}  // namespace agora::search
