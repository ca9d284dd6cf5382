#include "common/io_thread.hpp"
#include "redis/hiredis_glue.hpp"
#include "redis/pipeline.hpp"

#include <agora/core/error.hpp>
#include <agora/core/log.hpp>
#include <agora/core/metrics.hpp>

#include <hiredis/async.h>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace agora {
namespace {

namespace net = boost::asio;
using Clock = std::chrono::steady_clock;

}  // namespace

// A connection ("lane") runs on an io_context: its own, on a thread of its own, for callers that are
// not HTTP io threads; or the io_context of the HTTP io thread that calls, so that a request waits
// for Redis on its own thread with no hand-off. Everything a lane does runs on its strand.
// hiredis's event hooks (addRead, delRead, addWrite, delWrite, cleanup) become waits on the
// connection's socket; a connection that fails, or leaves a command unanswered past the timeout, is
// freed (hiredis then fails each waiting command) and the next command connects afresh.
struct Redis::Pipeline::Impl {
  struct Waiting {
    Impl* self;
    std::function<void(redisReply*, std::string error)> done;
  };

  std::unique_ptr<net::io_context> own;  // when the lane has a thread of its own
  net::io_context& io;
  net::strand<net::io_context::executor_type> strand;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
  redis_glue::Endpoint endpoint;
  std::chrono::milliseconds timeout;
  Counter& errors;
  redisAsyncContext* ac = nullptr;
  std::optional<net::posix::stream_descriptor> socket;
  std::uint64_t generation = 0;  // of the connection: a wait of an earlier one does nothing
  bool reading = false, writing = false, read_waiting = false, write_waiting = false;
  std::deque<Clock::time_point> sent;  // when each command still unanswered went out
  net::steady_timer watchdog{strand};
  std::thread thread;

  // A lane with its own thread.
  Impl(const Redis::Options& o, Counter& e)
      : own(std::make_unique<net::io_context>(1)),
        io(*own),
        strand(net::make_strand(io)),
        work(io.get_executor()),
        endpoint(redis_glue::parse_url(o.url)),
        timeout(o.timeout),
        errors(e),
        thread([this] { io.run(); }) {}
  // A lane on an HTTP server's io_context.
  Impl(const Redis::Options& o, Counter& e, net::io_context& on)
      : io(on), strand(net::make_strand(io)), endpoint(redis_glue::parse_url(o.url)), timeout(o.timeout), errors(e) {}

  ~Impl() {
    if (!own) {  // its io_context is being destroyed: nothing runs on it any more
      if (ac) redisAsyncFree(ac);
      return;
    }
    net::post(strand, [this] {
      if (ac) redisAsyncFree(ac);
      watchdog.cancel();
      work.reset();
    });
    thread.join();
  }

  void connect() {
    ac = redisAsyncConnect(endpoint.host.c_str(), endpoint.port);
    if (!ac || ac->err) {
      if (ac) redisAsyncFree(ac);
      ac = nullptr;
      return;
    }
    ++generation;
    socket.emplace(io, ac->c.fd);
    ac->ev.data = this;
    ac->ev.addRead = [](void* d) { static_cast<Impl*>(d)->want_read(true); };
    ac->ev.delRead = [](void* d) { static_cast<Impl*>(d)->want_read(false); };
    ac->ev.addWrite = [](void* d) { static_cast<Impl*>(d)->want_write(true); };
    ac->ev.delWrite = [](void* d) { static_cast<Impl*>(d)->want_write(false); };
    ac->ev.cleanup = [](void* d) { static_cast<Impl*>(d)->closed(); };
    const auto setup = [this](std::vector<std::string> args) {
      send(args, [](redisReply*, std::string) {});  // refused: the commands after it fail the same way
    };
    if (!endpoint.password.empty()) setup({"AUTH", endpoint.password});
    if (endpoint.db != 0) setup({"SELECT", std::to_string(endpoint.db)});
  }

  // hiredis freed the connection (an error, or redisAsyncFree): its socket is hiredis's to close.
  void closed() {
    reading = writing = false;
    if (socket) {
      socket->release();
      socket.reset();
    }
    ac = nullptr;
  }

  void want_read(bool on) {
    reading = on;
    if (on && !read_waiting) wait(true);
  }
  void want_write(bool on) {
    writing = on;
    if (on && !write_waiting) wait(false);
  }

  void wait(bool read) {
    (read ? read_waiting : write_waiting) = true;
    socket->async_wait(
        read ? net::posix::stream_descriptor::wait_read : net::posix::stream_descriptor::wait_write,
        net::bind_executor(strand, [this, read, gen = generation](boost::system::error_code ec) {
          if (gen != generation) return;  // a wait of a freed connection
          (read ? read_waiting : write_waiting) = false;
          if (ec || !ac || !(read ? reading : writing)) return;
          if (read)
            redisAsyncHandleRead(ac);
          else
            redisAsyncHandleWrite(ac);
          // hiredis may have freed the connection, or stopped wanting this side.
          if (ac && gen == generation && (read ? reading : writing) && !(read ? read_waiting : write_waiting))
            wait(read);
        }));
  }

  void send(const std::vector<std::string>& args, std::function<void(redisReply*, std::string)> done) {
    if (!ac) connect();
    if (!ac) {
      errors.inc();
      return done(nullptr, "redis unavailable");
    }
    std::vector<const char*> argv;
    std::vector<size_t> lens;
    for (const auto& a : args) {
      argv.push_back(a.data());
      lens.push_back(a.size());
    }
    auto* waiting = new Waiting{this, std::move(done)};
    const auto on_reply = [](redisAsyncContext* c, void* reply, void* data) {
      std::unique_ptr<Waiting> w(static_cast<Waiting*>(data));
      if (!w->self->sent.empty()) w->self->sent.pop_front();
      if (!reply) w->self->errors.inc();
      w->done(static_cast<redisReply*>(reply), reply ? "" : std::string("redis unavailable: ") + c->errstr);
    };
    if (redisAsyncCommandArgv(ac, on_reply, waiting, static_cast<int>(argv.size()), argv.data(), lens.data()) !=
        REDIS_OK) {
      std::unique_ptr<Waiting> w(waiting);
      errors.inc();
      return w->done(nullptr, "redis unavailable");
    }
    sent.push_back(Clock::now());
    if (sent.size() == 1) watch();
  }

  // Frees a connection whose oldest command waited past the timeout: hiredis fails the waiting ones.
  void watch() {
    watchdog.expires_after(timeout);
    watchdog.async_wait([this](boost::system::error_code ec) {
      if (ec || sent.empty()) return;
      if (Clock::now() - sent.front() >= timeout) {
        log::warn("redis: a command went unanswered past the timeout; reconnecting");
        sent.clear();
        if (ac) redisAsyncFree(ac);
        return;
      }
      watch();
    });
  }
};

// The lanes of an HTTP server's io_context, one per Redis, destroyed with the io_context.
struct Redis::Pipeline::Lanes final : net::execution_context::service {
  static inline net::execution_context::id id;
  explicit Lanes(net::execution_context& context) : service(context) {}
  void shutdown() override {
    std::lock_guard lock(mutex);
    lanes.clear();
  }
  std::mutex mutex;
  std::map<const void*, std::unique_ptr<Redis::Pipeline::Impl>> lanes;
};

Redis::Pipeline::Pipeline(const Redis::Options& options, Counter& errors)
    : options_(options), errors_(errors), impl_(std::make_unique<Impl>(options, errors)) {}
Redis::Pipeline::~Pipeline() = default;

Redis::Pipeline::Impl& Redis::Pipeline::lane() {
  auto* io = io_thread::current();
  if (!io) return *impl_;
  auto& lanes = net::use_service<Lanes>(*io);
  std::lock_guard lock(lanes.mutex);
  auto& lane = lanes.lanes[this];
  if (!lane) lane = std::make_unique<Impl>(options_, errors_, *io);
  return *lane;
}

void Redis::Pipeline::run(const RedisScript& script, std::vector<std::string> keys, std::vector<std::string> args,
                          Redis::Done done) {
  std::vector<std::string> call{"EVALSHA", script.sha1(), std::to_string(keys.size())};
  call.insert(call.end(), std::make_move_iterator(keys.begin()), std::make_move_iterator(keys.end()));
  call.insert(call.end(), std::make_move_iterator(args.begin()), std::make_move_iterator(args.end()));
  auto& impl = lane();
  net::dispatch(impl.strand, [impl = &impl, source = &script.source(), call = std::move(call),
                              done = std::move(done)]() mutable {
    const auto finish = [done](redisReply* r, const std::string& error) {
      try {
        if (!r) return done({}, std::make_exception_ptr(Error(ErrorKind::unavailable, error)));
        if (r->type == REDIS_REPLY_ERROR)
          return done(
              {}, std::make_exception_ptr(Error(ErrorKind::internal, "redis error: " + std::string(r->str, r->len))));
        done(redis_glue::convert(r), nullptr);
      } catch (const std::exception& e) {  // a caller's bug must not stop the pipeline's thread
        log::error("redis: a run_async callback threw", {{"error", e.what()}});
      }
    };
    impl->send(call, [impl, source, call, finish](redisReply* r, std::string error) mutable {
      // Redis's error code for an unknown SHA1 (first use, a restarted or flushed server): send it whole.
      if (r && r->type == REDIS_REPLY_ERROR && std::string_view(r->str, r->len).starts_with("NOSCRIPT")) {
        call[0] = "EVAL";
        call[1] = *source;
        return impl->send(call, finish);
      }
      finish(r, error);
    });
  });
}

void Redis::run_async(const RedisScript& script, std::vector<std::string> keys, std::vector<std::string> args,
                      Done done) {
  pipeline_->run(script, std::move(keys), std::move(args), std::move(done));
}

}  // namespace agora
