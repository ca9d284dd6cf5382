#pragma once
// A WebSocket connection after its HTTP upgrade (RFC 6455, Beast): accepts the upgrade, runs the
// route's handler on the worker pool, then reads the client's messages and writes queued ones one
// at a time until either side closes. Kept apart from the HTTP session that hands it the socket.
#include "http/request_checks.hpp"

#include <agora/core/http.hpp>
#include <agora/core/metrics.hpp>

#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <atomic>
#include <functional>

namespace agora::http {

struct WebSocketEnvironment {
  boost::asio::thread_pool& workers;
  std::size_t queue_limit;    // bytes waiting to be written before the client is disconnected
  std::size_t message_limit;  // the largest message read from the client
  Gauge& open;                // connections open now
  // The connections still open, for stop(): each registers its closer and removes it at the end.
  std::function<std::uint64_t(std::function<void()> close)> track;
  std::function<void(std::uint64_t)> untrack;
  std::function<void()> released;  // a connection is gone (it counted against max_connections)
};

// Takes over the connection whose request `upgrade` asked for a WebSocket on a route with
// `handler`; `request` is that request as the router saw it (principal set).
void run_websocket(boost::beast::tcp_stream stream, RawRequest upgrade, Request request, WebSocketHandler handler,
                   const WebSocketEnvironment& environment);

// True when the request asks to upgrade to a WebSocket.
bool is_websocket_upgrade(const RawRequest& raw);

}  // namespace agora::http
