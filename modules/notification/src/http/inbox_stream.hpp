#pragma once
// The live side of the inbox: this instance's WebSocket connections, by user. A connection is sent
// every item stored for its user after it connected, on whichever instance (the kInboxTopic notice
// reaches every instance), and one that reconnects with `after` (the last item it saw) first gets
// what it missed. A connection remembers what it was sent, so an item is sent to it once.
#include "app/inbox.hpp"

#include <agora/core/clock.hpp>
#include <agora/core/http.hpp>
#include <agora/core/work_queue.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace agora::notification {

class InboxStream {
 public:
  InboxStream(Inbox& inbox, int threads);
  void start() { queue_.start(); }
  // Stops catching up and lets go of the connections (the server closes them).
  void stop();

  // A user's connection, once upgraded (on the worker pool). It is sent {"type": "hello", "unread": n}
  // first, then, with `after`, the items stored since that one; an `after` that is none of the user's
  // items is answered {"type": "error", ...} and the connection closed.
  http::WebSocketCallbacks connect(const std::string& user_id, const std::optional<std::string>& after,
                                   std::shared_ptr<http::WebSocket> ws);
  // The user's inbox got an item (a notice from any instance): their connections here catch up.
  void changed(const std::string& user_id);
  // Notices may have been missed: every connection here catches up.
  void changed_all();

 private:
  struct Connection {
    std::mutex mutex;  // one catch-up at a time
    std::string user_id;
    std::shared_ptr<http::WebSocket> ws;
    Timestamp high_water;                   // the latest stored_at sent (or the start)
    std::map<std::string, Timestamp> sent;  // ids sent within the look-back, with their stored_at
  };
  void catch_up(Connection& c);
  void refresh(const std::string& user_id);
  void remove(const std::shared_ptr<Connection>& c);

  Inbox& inbox_;
  std::mutex mutex_;
  std::unordered_multimap<std::string, std::shared_ptr<Connection>> by_user_;
  WorkQueue<std::string> queue_;  // user ids to refresh
};

}  // namespace agora::notification
