#include "http/websocket_session.hpp"

#include <agora/core/log.hpp>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <deque>

namespace agora::http {
namespace {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace net = boost::asio;

class WebSocketSession final : public WebSocket, public std::enable_shared_from_this<WebSocketSession> {
 public:
  WebSocketSession(beast::tcp_stream&& stream, Request request, WebSocketHandler handler,
                   const WebSocketEnvironment& env)
      : ws_(std::move(stream)),
        close_deadline_(ws_.get_executor()),
        request_(std::move(request)),
        handler_(std::move(handler)),
        env_(env) {
    env_.open.add(1);
  }
  ~WebSocketSession() override {
    env_.open.add(-1);
    env_.released();
  }

  void start(RawRequest upgrade) {
    // No read deadline of its own: the WebSocket's idle timeout pings a quiet client and drops a dead one.
    beast::get_lowest_layer(ws_).expires_never();
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.read_message_max(env_.message_limit);
    ws_.async_accept(upgrade, beast::bind_front_handler(&WebSocketSession::on_accept, shared_from_this()));
  }

  void send(std::string text) override {
    net::post(ws_.get_executor(), [self = shared_from_this(), text = std::move(text)]() mutable {
      if (self->closed_ || self->close_asked_) return;
      self->queued_bytes_ += text.size();
      if (self->queued_bytes_ > self->env_.queue_limit) {
        log::warn("websocket client disconnected: it does not read what it is sent",
                  {{"path", self->request_.path}, {"queued_bytes", self->queued_bytes_}});
        return self->drop();
      }
      self->queue_.push_back(std::move(text));
      if (!self->writing_) self->write();
    });
  }

  // Frames sent before the close go out first; a client that does not take them and answer the
  // close frame within a second is dropped (one not reading would otherwise hold the server's stop).
  void close() override {
    net::post(ws_.get_executor(), [self = shared_from_this()] {
      if (self->closed_ || self->close_asked_) return;
      self->close_asked_ = true;
      self->close_deadline_.expires_after(std::chrono::seconds(1));
      self->close_deadline_.async_wait([weak = self->weak_from_this()](beast::error_code ec) {
        if (auto s = weak.lock(); s && !ec) s->drop();
      });
      if (!self->writing_) self->start_close();
    });
  }

 private:
  void on_accept(beast::error_code ec) {
    if (ec) return finish();
    tracked_ = env_.track([weak = weak_from_this()] {
      if (auto self = weak.lock()) self->close();
    });
    net::post(env_.workers, [self = shared_from_this()] {
      WebSocketCallbacks callbacks;
      try {
        callbacks = self->handler_(self->request_, self);
      } catch (const std::exception& e) {
        log::warn("websocket handler failed", {{"path", self->request_.path}, {"error", log::describe(e)}});
        return self->close();
      }
      net::post(self->ws_.get_executor(), [self, callbacks = std::move(callbacks)]() mutable {
        self->callbacks_ = std::move(callbacks);
        self->started_ = true;
        if (self->closed_) return self->tell_closed();
        // The handler closed it already: the close reads the client's answer itself, and a read of
        // ours beside it would be a second read at once. Its end calls on_close.
        if (self->close_asked_) return;
        self->read();
      });
    });
  }

  void start_close() {
    closing_ = true;
    ws_.async_close(websocket::close_code::normal, [self = shared_from_this()](beast::error_code) { self->drop(); });
  }

  void read() { ws_.async_read(buffer_, beast::bind_front_handler(&WebSocketSession::on_read, shared_from_this())); }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec) return finish();
    if (callbacks_.on_message) callbacks_.on_message(beast::buffers_to_string(buffer_.data()));
    buffer_.consume(buffer_.size());
    read();
  }

  void write() {
    writing_ = true;
    ws_.text(true);
    ws_.async_write(net::buffer(queue_.front()),
                    beast::bind_front_handler(&WebSocketSession::on_write, shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    queued_bytes_ -= queue_.front().size();
    queue_.pop_front();
    writing_ = false;
    if (ec) return finish();
    if (closed_) return;
    if (!queue_.empty()) return write();
    if (close_asked_ && !closing_) start_close();
  }

  // Ends the connection at once: the pending read and write fail and finish() follows.
  void drop() {
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
    finish();
  }

  void finish() {
    if (closed_) return;
    closed_ = true;
    // What waits is dropped; the frame being written stays until its write completes (on_write).
    while (queue_.size() > (writing_ ? 1u : 0u)) {
      queued_bytes_ -= queue_.back().size();
      queue_.pop_back();
    }
    close_deadline_.cancel();
    if (tracked_) env_.untrack(tracked_);
    if (started_) tell_closed();
  }

  void tell_closed() {
    if (auto on_close = std::move(callbacks_.on_close)) on_close();
    callbacks_ = {};
  }

  websocket::stream<beast::tcp_stream> ws_;
  net::steady_timer close_deadline_;
  beast::flat_buffer buffer_;
  Request request_;
  WebSocketHandler handler_;
  const WebSocketEnvironment& env_;
  WebSocketCallbacks callbacks_;
  std::deque<std::string> queue_;
  std::size_t queued_bytes_ = 0;
  std::uint64_t tracked_ = 0;
  bool writing_ = false;
  bool started_ = false;      // the handler returned: callbacks_ is set
  bool close_asked_ = false;  // close() was called: it starts once what was sent before is written
  bool closing_ = false;      // the close frame is on its way
  bool closed_ = false;
};

}  // namespace

bool is_websocket_upgrade(const RawRequest& raw) { return websocket::is_upgrade(raw); }

void run_websocket(beast::tcp_stream stream, RawRequest upgrade, Request request, WebSocketHandler handler,
                   const WebSocketEnvironment& environment) {
  std::make_shared<WebSocketSession>(std::move(stream), std::move(request), std::move(handler), environment)
      ->start(std::move(upgrade));
}

}  // namespace agora::http
