#pragma once
// What a piece of code writes to stdout (the JSON log lines), for tests that read the log.
#include <unistd.h>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

namespace agora::test {

// Runs f with stdout (fd 1) redirected to a temporary file and returns what was written to it.
inline std::string capture_stdout(const std::function<void()>& f) {
  std::fflush(stdout);
  char path[] = "/tmp/agora-stdout-XXXXXX";
  const int file = mkstemp(path);
  const int saved = dup(1);
  dup2(file, 1);
  f();
  std::fflush(stdout);
  dup2(saved, 1);
  close(saved);
  close(file);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  unlink(path);
  return text.str();
}

}  // namespace agora::test
