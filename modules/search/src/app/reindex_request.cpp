#include "app/reindex_request.hpp"

#include <agora/core/db.hpp>
#include <agora/search/events.hpp>

namespace agora::search {

void request_reindex(Database& db, const std::string& requested_by) {
  db.transact([&](Tx& tx) { tx.publish(events::ReindexRequested{requested_by}); });
}

}  // namespace agora::search
