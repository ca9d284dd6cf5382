#include "harness/websocket_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json/parse.hpp>

#include <stdexcept>

namespace agora::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

struct WebSocketClient::Impl {
  asio::io_context io;
  websocket::stream<beast::tcp_stream> ws{io};
  beast::flat_buffer buffer;
};

WebSocketClient::WebSocketClient(unsigned short port, const std::string& target,
                                 const std::map<std::string, std::string>& headers)
    : impl_(std::make_unique<Impl>()) {
  auto& tcp = beast::get_lowest_layer(impl_->ws);
  tcp.expires_after(std::chrono::seconds(10));
  tcp.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  impl_->ws.set_option(websocket::stream_base::decorator([&headers](websocket::request_type& req) {
    for (const auto& [name, value] : headers) req.set(name, value);
  }));
  websocket::response_type answer;
  beast::error_code ec;
  impl_->ws.handshake(answer, "127.0.0.1:" + std::to_string(port), target, ec);
  if (ec == websocket::error::upgrade_declined)
    throw WebSocketRefused(static_cast<int>(answer.result_int()), answer.body());
  if (ec) throw std::runtime_error("websocket handshake: " + ec.message());
  tcp.expires_never();
}

WebSocketClient::~WebSocketClient() {
  beast::error_code ec;
  beast::get_lowest_layer(impl_->ws).socket().close(ec);
}

std::optional<boost::json::value> WebSocketClient::next(std::chrono::milliseconds wait) {
  if (done_) return std::nullopt;
  std::optional<beast::error_code> result;
  impl_->buffer.clear();
  beast::get_lowest_layer(impl_->ws).expires_after(wait);
  impl_->ws.async_read(impl_->buffer, [&](beast::error_code ec, std::size_t) { result = ec; });
  impl_->io.restart();
  impl_->io.run();
  if (!result || *result) {
    done_ = true;  // a timed-out read leaves the stream unusable
    closed_by_server_ = result && *result != beast::error::timeout;
    return std::nullopt;
  }
  return boost::json::parse(beast::buffers_to_string(impl_->buffer.data()));
}

void WebSocketClient::close() {
  if (done_) return;
  beast::error_code ec;
  beast::get_lowest_layer(impl_->ws).expires_after(std::chrono::seconds(5));
  impl_->ws.close(websocket::close_code::normal, ec);
  done_ = true;
}

}  // namespace agora::test
