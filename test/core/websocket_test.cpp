// WebSocket routes: what a handler sends before it closes reaches the client, then the close.
#include "harness/websocket_client.hpp"

#include <agora/core/http.hpp>
#include <agora/core/metrics.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

using namespace agora;

TEST_CASE("what a WebSocket handler sends before it closes reaches the client in order, and then the close") {
  Metrics metrics;
  http::Router router;
  constexpr int kFrames = 50;  // 1 MB: many writes, most of them queued when the close comes
  router.websocket("/burst", [](const http::Request&, std::shared_ptr<http::WebSocket> ws) {
    for (int i = 0; i < kFrames; ++i)
      ws->send(boost::json::serialize(boost::json::object{{"n", i}, {"pad", std::string(20000, 'x')}}));
    ws->close();
    ws->send("{\"after\":\"the close\"}");  // dropped: the connection is closing
    return http::WebSocketCallbacks{};
  });
  http::ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  http::Server server(options, router, metrics);
  server.start();

  test::WebSocketClient ws(server.port(), "/burst");
  for (int i = 0; i < kFrames; ++i) {
    const auto frame = ws.next();
    REQUIRE(frame);
    REQUIRE(frame->at("n").as_int64() == i);
  }
  REQUIRE_FALSE(ws.next());
  REQUIRE(ws.closed_by_server());
  server.stop();
}
