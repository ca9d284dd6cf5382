// agora-bench-ws: the live inbox under load. Opens one WebSocket per line of TOKENS_FILE ("user_id
// access_token") to /api/v1/notifications/stream and waits for each one's hello; then commits EVENTS
// order.placed events (POST /bench/order_placed?customer_id=, which answers once the event's
// transaction committed) at RATE per second, each for a random one of those users, and times each
// from just before its POST to the in-app message on that user's stream: an upper bound of commit
// to message. Prints one line: clients, events, messages received, p50, p99 and max in ms.
//   agora-bench-ws PORT TOKENS_FILE EVENTS RATE
// Beast outside src/core/http only in bench/, as the load's client.
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using Clock = std::chrono::steady_clock;

struct Client {
  std::string user_id;
  std::unique_ptr<websocket::stream<beast::tcp_stream>> ws;
  beast::flat_buffer buffer;
  std::deque<Clock::time_point> pending;  // POSTs for this user awaiting their message
};

std::mutex mutex;  // guards every client's pending, latencies and received
std::vector<double> latencies_ms;
long received = 0;

void read_next(Client& c) {
  c.ws->async_read(c.buffer, [&c](beast::error_code ec, std::size_t) {
    if (ec) {
      std::cerr << "stream of " << c.user_id << " ended: " << ec.message() << "\n";
      return;
    }
    const auto text = beast::buffers_to_string(c.buffer.data());
    c.buffer.consume(c.buffer.size());
    if (text.find("\"type\":\"notification\"") != std::string::npos) {
      const auto now = Clock::now();
      std::lock_guard lock(mutex);
      ++received;
      if (!c.pending.empty()) {
        latencies_ms.push_back(std::chrono::duration<double, std::milli>(now - c.pending.front()).count());
        c.pending.pop_front();
      }
    }
    read_next(c);
  });
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: agora-bench-ws PORT TOKENS_FILE EVENTS RATE\n";
    return 2;
  }
  const auto port = static_cast<unsigned short>(std::stoi(argv[1]));
  const int events = std::stoi(argv[3]);
  const double rate = std::stod(argv[4]);
  const auto endpoint = asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port);
  const auto host = "127.0.0.1:" + std::to_string(port);

  asio::io_context io;
  std::vector<std::unique_ptr<Client>> clients;
  std::ifstream tokens(argv[2]);
  for (std::string user_id, token; tokens >> user_id >> token;) {
    auto c = std::make_unique<Client>();
    c->user_id = user_id;
    c->ws = std::make_unique<websocket::stream<beast::tcp_stream>>(io);
    beast::get_lowest_layer(*c->ws).connect(endpoint);
    c->ws->handshake(host, "/api/v1/notifications/stream?access_token=" + token);
    c->ws->read(c->buffer);  // the hello
    c->buffer.consume(c->buffer.size());
    clients.push_back(std::move(c));
  }
  for (auto& c : clients) read_next(*c);
  std::thread reader([&io] { io.run(); });

  asio::io_context post_io;
  beast::tcp_stream post(post_io);
  post.connect(endpoint);
  std::mt19937 random(42);
  std::uniform_int_distribution<std::size_t> pick(0, clients.size() - 1);
  const auto interval = std::chrono::duration<double>(1.0 / rate);
  const auto start = Clock::now();
  for (int i = 0; i < events; ++i) {
    std::this_thread::sleep_until(start + std::chrono::duration_cast<Clock::duration>(interval * i));
    auto& c = *clients[pick(random)];
    http::request<http::empty_body> req{http::verb::post, "/bench/order_placed?customer_id=" + c.user_id, 11};
    req.set(http::field::host, host);
    {
      std::lock_guard lock(mutex);
      c.pending.push_back(Clock::now());
    }
    http::write(post, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(post, buffer, res);
    if (res.result_int() != 201) {
      std::cerr << "POST /bench/order_placed answered " << res.result_int() << ": " << res.body() << "\n";
      return 1;
    }
  }
  // What has not arrived a second after the last event is counted as missing.
  std::this_thread::sleep_for(std::chrono::seconds(1));
  std::vector<double> latencies;
  long got = 0;
  {
    std::lock_guard lock(mutex);
    latencies = latencies_ms;
    got = received;
  }
  std::printf("%zu %d %ld %.2f %.2f %.2f\n", clients.size(), events, got, percentile(latencies, 0.5),
              percentile(latencies, 0.99),
              latencies.empty() ? 0.0 : *std::max_element(latencies.begin(), latencies.end()));
  io.stop();
  reader.join();
  return 0;
}
