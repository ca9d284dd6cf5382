#include "cli/create_admin.hpp"

#include <agora/core/error.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

namespace agora::user {
namespace {

constexpr const char* kUsage =
    "usage: agora users create-admin --email E [--password-file F]\n"
    "  the password is read from F, or from standard input; never from the command line\n";

// The first line of the stream, without its line ending.
std::string first_line(std::istream& in) {
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int create_admin(AuthService& auth, std::span<const std::string> args) {
  if (args.empty() || args[0] != "create-admin") {
    std::cerr << kUsage;
    return 2;
  }
  std::string email, password_file;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const bool has_value = i + 1 < args.size();
    if (args[i] == "--email" && has_value)
      email = args[++i];
    else if (args[i] == "--password-file" && has_value)
      password_file = args[++i];
    else {
      std::cerr << "agora: unknown or incomplete flag '" << args[i] << "'\n" << kUsage;
      return 2;
    }
  }
  if (email.empty()) {
    std::cerr << "agora: --email is required\n" << kUsage;
    return 2;
  }
  std::string password;
  if (!password_file.empty()) {
    std::ifstream in(password_file);
    if (!in) {
      std::cerr << "agora: cannot read " << password_file << "\n";
      return 2;
    }
    password = first_line(in);
  } else {
    password = first_line(std::cin);
  }
  try {
    const auto account = auth.ensure_admin(email, password);
    std::cout << "administrator " << account.email << " (" << account.id << ") is ready\n";
    return 0;
  } catch (const Error& e) {
    std::cerr << "agora: " << e.what();
    for (const auto& f : e.fields()) std::cerr << "; " << f.field << " " << f.message;
    std::cerr << "\n";
    return 1;
  }
}

}  // namespace

CliCommand create_admin_command(AuthService& auth) {
  return {"users", kUsage, [&auth](std::span<const std::string> args) { return create_admin(auth, args); }};
}

}  // namespace agora::user
