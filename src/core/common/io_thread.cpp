#include "common/io_thread.hpp"

namespace agora::io_thread {
namespace {

thread_local boost::asio::io_context* running = nullptr;

}  // namespace

boost::asio::io_context* current() noexcept { return running; }

Scope::Scope(boost::asio::io_context& io) { running = &io; }
Scope::~Scope() { running = nullptr; }

}  // namespace agora::io_thread
