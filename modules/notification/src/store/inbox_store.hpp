#pragma once
// SOCI statements for notification.inbox, rows read as InboxItem. Every read and change names the
// user: an item is only ever found in its own user's inbox.
#include "domain/inbox_item.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace agora::notification::inbox_store {

void insert(soci::session& sql, const InboxItem& item);
// Newest first, after the item `cursor` ("" for the first page) of the same user; nullopt when the
// cursor is no item of the user's.
std::optional<std::vector<InboxItem>> page(soci::session& sql, const std::string& user_id, int limit,
                                           const std::string& cursor);
// The user's items stored after `from` (by the database's clock), oldest first.
std::vector<InboxItem> stored_since(soci::session& sql, const std::string& user_id, Timestamp from, int limit);
std::optional<InboxItem> find(soci::session& sql, const std::string& user_id, const std::string& id);
std::int64_t unread(soci::session& sql, const std::string& user_id);
// False when the user has no such item; an item read already keeps its first read_at.
bool mark_read(soci::session& sql, const std::string& user_id, const std::string& id, Timestamp now);
std::int64_t mark_all_read(soci::session& sql, const std::string& user_id, Timestamp now);
// The database's clock now: where a new live stream starts from.
Timestamp database_now(soci::session& sql);

}  // namespace agora::notification::inbox_store
