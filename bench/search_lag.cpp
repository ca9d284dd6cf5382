// agora-bench-search-lag: how soon a product change can be found by search while other products
// keep changing. For SECONDS it sends RATE updates per second through the catalog's admin API (on
// one connection, to the products of TARGETS_FILE after its first line, in turn: a title change,
// then a price change of its variant, each undone by its next turn), and meanwhile probes: it adds
// a word no product has to the title of the first line's product, then searches for that word
// (every 5 ms, on another connection) until the product is found, and times that from just before
// the change was sent: an upper bound of commit to searchable. Prints one line:
//   updates <sent> <failed> <per second> probes <count> <not found within 5 s> <p50> <p99> <max> (ms)
//   agora-bench-search-lag PORT ADMIN_TOKEN TARGETS_FILE RATE SECONDS
// TARGETS_FILE: one product a line, tab-separated: product id, variant id, the variant's USD price,
// English title, English description, German title, German description.
// Beast outside src/core/http only in bench/, as the load's client.
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using Clock = std::chrono::steady_clock;

struct Target {
  std::string product_id, variant_id;
  long usd = 0;
  std::string title_en, description_en, title_de, description_de;
  bool changed_title = false, changed_price = false;
};

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string texts_patch(const Target& t, const std::string& title_en) {
  // A patch's texts replace all of them: the other locale goes along unchanged.
  std::string texts = "\"en\":{\"title\":" + quoted(title_en) + ",\"description\":" + quoted(t.description_en) + "}";
  if (!t.title_de.empty())
    texts += ",\"de\":{\"title\":" + quoted(t.title_de) + ",\"description\":" + quoted(t.description_de) + "}";
  return "{\"texts\":{" + texts + "}}";
}

// One keep-alive connection to the server.
class Connection {
 public:
  Connection(const asio::ip::tcp::endpoint& endpoint, std::string host, std::string token)
      : stream_(io_), host_(std::move(host)), token_(std::move(token)) {
    stream_.connect(endpoint);
  }

  http::response<http::string_body> send(http::verb verb, const std::string& target, const std::string& body = {}) {
    http::request<http::string_body> req{verb, target, 11};
    req.set(http::field::host, host_);
    if (!token_.empty()) req.set(http::field::authorization, "Bearer " + token_);
    if (!body.empty()) {
      req.set(http::field::content_type, "application/json");
      req.body() = body;
    }
    req.prepare_payload();
    http::write(stream_, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream_, buffer, res);
    return res;
  }

 private:
  asio::io_context io_;
  beast::tcp_stream stream_;
  std::string host_, token_;
};

std::vector<Target> read_targets(const char* path) {
  std::vector<Target> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> f;
    std::stringstream fields(line);
    for (std::string x; std::getline(fields, x, '\t');) f.push_back(x);
    if (f.size() < 5) continue;  // empty German texts end the line early
    f.resize(7);
    out.push_back({f[0], f[1], std::stol(f[2]), f[3], f[4], f[5], f[6]});
  }
  return out;
}

// A word of letters only that no generated product has, different for each n and each run.
std::string unique_word(long n) {
  std::string word = "probe";
  for (long v = n * 100003 + getpid() % 100003; v > 0; v /= 26) word += static_cast<char>('a' + v % 26);
  return word;
}

long total_of(const std::string& body) {
  const auto at = body.find("\"total\":");
  return at == std::string::npos ? 0 : std::atol(body.c_str() + at + 8);
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::cerr << "usage: agora-bench-search-lag PORT ADMIN_TOKEN TARGETS_FILE RATE SECONDS\n";
    return 2;
  }
  const auto port = static_cast<unsigned short>(std::stoi(argv[1]));
  const std::string token = argv[2];
  auto targets = read_targets(argv[3]);
  const double rate = std::stod(argv[4]);
  const auto seconds = std::chrono::duration<double>(std::stod(argv[5]));
  if (targets.size() < 2) {
    std::cerr << "agora-bench-search-lag: " << argv[3] << " needs a probe product and at least one other\n";
    return 2;
  }
  const auto endpoint = asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port);
  const auto host = "127.0.0.1:" + std::to_string(port);
  const auto start = Clock::now();
  const auto end = start + std::chrono::duration_cast<Clock::duration>(seconds);

  std::atomic<long> sent{0}, failed{0};
  double stream_seconds = 0;
  std::thread stream([&] {
    Connection c(endpoint, host, token);
    const auto interval = std::chrono::duration<double>(1.0 / rate);
    for (long k = 0;; ++k) {
      const auto at = start + std::chrono::duration_cast<Clock::duration>(interval * k);
      if (at >= end) break;
      std::this_thread::sleep_until(at);
      auto& t = targets[1 + static_cast<std::size_t>(k / 2) % (targets.size() - 1)];
      http::response<http::string_body> res;
      if (k % 2 == 0) {
        t.changed_title = !t.changed_title;
        res = c.send(http::verb::patch, "/api/v1/admin/catalog/products/" + t.product_id,
                     texts_patch(t, t.changed_title ? t.title_en + " Limited" : t.title_en));
      } else {
        t.changed_price = !t.changed_price;
        const auto amount = t.usd + (t.changed_price ? 100 : 0);
        res = c.send(http::verb::put, "/api/v1/admin/catalog/variants/" + t.variant_id + "/prices",
                     "{\"prices\":[{\"currency\":\"USD\",\"amount\":" + std::to_string(amount) + "}]}");
      }
      ++sent;
      if (res.result_int() != 200) {
        if (++failed <= 3) std::cerr << "update answered " << res.result_int() << ": " << res.body() << "\n";
      }
    }
    stream_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  });

  Connection change(endpoint, host, token), search(endpoint, host, {});
  const auto& probe = targets.front();
  std::vector<double> visible_ms;
  long probes = 0, missed = 0;
  while (Clock::now() < end) {
    const auto word = unique_word(probes++);
    const auto sent_at = Clock::now();
    const auto res = change.send(http::verb::patch, "/api/v1/admin/catalog/products/" + probe.product_id,
                                 texts_patch(probe, probe.title_en + " " + word));
    if (res.result_int() != 200) {
      std::cerr << "probe change answered " << res.result_int() << ": " << res.body() << "\n";
      return 1;
    }
    bool found = false;
    while (!found && Clock::now() - sent_at < std::chrono::seconds(5)) {
      found = total_of(search.send(http::verb::get, "/api/v1/search?q=" + word + "&limit=1").body()) > 0;
      if (!found) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (!found) {
      ++missed;
      continue;
    }
    visible_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - sent_at).count());
    // The next change at another moment of the index's commit cycle.
    std::this_thread::sleep_for(std::chrono::milliseconds(20 + probes * 37 % 100));
  }
  stream.join();
  std::printf("updates %ld %ld %.1f probes %ld %ld %.1f %.1f %.1f\n", sent.load(), failed.load(),
              static_cast<double>(sent.load()) / stream_seconds, probes, missed, percentile(visible_ms, 0.5),
              percentile(visible_ms, 0.99),
              visible_ms.empty() ? 0.0 : *std::max_element(visible_ms.begin(), visible_ms.end()));
  return 0;
}
