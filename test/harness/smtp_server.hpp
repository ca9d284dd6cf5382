#pragma once
// A real SMTP server (Debian's python3-aiosmtpd, run by test/smtp/agora_smtp.py) on a loopback port
// for one test: every message it takes lands in a maildir, read back as a mail client would read it.
// A recipient whose address starts with "rejected" is refused for good (550). The port may be chosen
// before the server starts, to show a sender that finds no server at first. With TLS (STARTTLS
// required, or implicit) it presents a certificate for 127.0.0.1 made for the test, signed by
// itself: ca_file(). With a user, it requires authentication as that user.
#include "harness/eventually.hpp"
#include "harness/process.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace agora::test {

// A message the server took, as a mail client reads it.
struct ReceivedEmail {
  std::string from, to, rcpt_to, subject, raw_subject, message_id, date, content_type, text, html;
  std::string list_unsubscribe, list_unsubscribe_post;  // "" when absent
};

class SmtpServer {
 public:
  enum class Tls { none, starttls, implicit };
  struct Options {
    unsigned short port = free_port();
    bool start_now = true;
    Tls tls = Tls::none;
    std::string user;  // "": no authentication
    std::string password;
  };
  SmtpServer() : SmtpServer(Options{}) {}
  explicit SmtpServer(Options o) : port_(o.port), tls_(o.tls), user_(o.user), password_(o.password) {
    if (tls_ != Tls::none) make_certificate();
    if (o.start_now) start();
  }
  ~SmtpServer() {
    stop();
    std::error_code ignored;
    std::filesystem::remove_all(maildir_, ignored);
    std::filesystem::remove(maildir_.string() + ".json", ignored);
    std::filesystem::remove(maildir_.string() + ".connections", ignored);
    std::filesystem::remove(ca_file(), ignored);
    std::filesystem::remove(key_file(), ignored);
  }
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  unsigned short port() const { return port_; }
  // The server's certificate (PEM), which is its own CA.
  std::string ca_file() const { return maildir_.string() + "-cert.pem"; }

  void start() {
    if (pid_ > 0) return;
    const auto log = std::filesystem::temp_directory_path() / ("agora-smtp-" + std::to_string(port_) + ".log");
    // The maildir is made by the server: one that finds the folder there expects its tmp/, new/, cur/.
    // Debian's python3, which has python3-aiosmtpd, whatever python3 comes first on PATH.
    std::vector<std::string> argv{"/usr/bin/python3", script_, "serve", std::to_string(port_), maildir_.string()};
    if (tls_ != Tls::none)
      argv.insert(argv.end(),
                  {"--tls", tls_ == Tls::starttls ? "starttls" : "implicit", "--cert", ca_file(), "--key", key_file()});
    if (!user_.empty()) argv.insert(argv.end(), {"--auth", user_ + ":" + password_});
    pid_ = spawn(argv, {.log_file = log.string()});
    REQUIRE(eventually([&] { return accepts(); }, std::chrono::seconds(30)));
  }
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    wait_exit(pid_);
    pid_ = -1;
  }

  // Every message taken so far, in the order they arrived.
  std::vector<ReceivedEmail> received() const {
    std::vector<ReceivedEmail> out;
    if (!std::filesystem::exists(maildir_ / "new")) return out;
    const auto listing = maildir_.string() + ".json";
    std::filesystem::remove(listing);  // the run appends to it
    REQUIRE(run({"/usr/bin/python3", script_, "read", maildir_.string()}, {.log_file = listing}) == 0);
    std::ifstream in(listing);
    for (std::string line; std::getline(in, line);) {
      const auto j = boost::json::parse(line).as_object();
      const auto s = [&](const char* k) { return std::string(j.at(k).as_string()); };
      out.push_back({s("from"), s("to"), s("rcpt_to"), s("subject"), s("raw_subject"), s("message_id"), s("date"),
                     s("content_type"), s("text"), s("html"), s("list_unsubscribe"), s("list_unsubscribe_post")});
    }
    return out;
  }
  bool running() const { return pid_ > 0; }
  // Forgets the messages taken so far (a test's setup sent them).
  void clear() const {
    std::error_code ignored;
    for (const auto& f : std::filesystem::directory_iterator(maildir_ / "new", ignored))
      std::filesystem::remove(f, ignored);
  }
  // Connections made to it so far.
  std::size_t connections() const {
    std::ifstream in(maildir_.string() + ".connections");
    std::size_t n = 0;
    for (std::string line; std::getline(in, line);) ++n;
    return n;
  }
  // Waits until `n` messages arrived; then they are those.
  std::vector<ReceivedEmail> wait_for(std::size_t n) const {
    std::vector<ReceivedEmail> got;
    REQUIRE(eventually([&] { return (got = received()).size() >= n; }));
    return got;
  }

 private:
  std::string key_file() const { return maildir_.string() + "-key.pem"; }
  void make_certificate() const {
    REQUIRE(run({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                 "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key_file(), "-out", ca_file()}) == 0);
  }
  bool accepts() const {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port_);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
  }

  unsigned short port_;
  Tls tls_;
  std::string user_, password_;
  pid_t pid_ = -1;
  std::string script_ = std::string(AGORA_SOURCE_DIR) + "/test/smtp/agora_smtp.py";
  std::filesystem::path maildir_ = std::filesystem::temp_directory_path() /
                                   ("agora-maildir-" + std::to_string(::getpid()) + "-" + std::to_string(port_));
};

}  // namespace agora::test
