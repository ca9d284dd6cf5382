#pragma once
// Publishing on user.events from inside a transaction.
#include <agora/core/db.hpp>
#include <agora/user/events.hpp>
#include <boost/json/object.hpp>

namespace agora::user {

inline void publish(Tx& tx, std::string_view type, const std::string& user_id, boost::json::object payload) {
  tx.publish(std::string(events::kTopic), std::string(type), events::kVersion, user_id, std::move(payload));
}

}  // namespace agora::user
