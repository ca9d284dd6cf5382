#pragma once
// Child processes for tests: started with a log file, killed with the test process.
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include <sys/types.h>

namespace agora::test {

struct SpawnOptions {
  std::string log_file = "/dev/null";
  bool as_postgres_user = false;           // PostgreSQL refuses to run as root
  std::map<std::string, std::string> env;  // added to the inherited environment
};

pid_t spawn(const std::vector<std::string>& argv, const SpawnOptions& options = {});
// Waits for the child to exit; returns its exit code, or 128+signal, or -1 on timeout.
int wait_exit(pid_t pid, std::chrono::milliseconds timeout = std::chrono::seconds(30));
int run(const std::vector<std::string>& argv, const SpawnOptions& options = {});
unsigned short free_port();

}  // namespace agora::test
