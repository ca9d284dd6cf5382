#include "cli/catalog_command.hpp"

#include "http/product_json.hpp"

#include <fstream>
#include <iostream>

namespace agora::catalog {
namespace {

constexpr const char* kUsage =
    "usage: agora catalog import FILE | agora catalog export [FILE]\n"
    "  NDJSON, one product per line; import reports bad lines by number\n";

int import_file(ProductService& products, const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "agora: cannot read " << path << "\n";
    return 2;
  }
  const auto report = import_ndjson(products, in);
  for (const auto& [line, error] : report.failed) {
    std::cerr << path << ":" << line << ": " << error.what();
    for (const auto& f : error.fields()) std::cerr << "; " << f.field << " " << f.message;
    std::cerr << "\n";
  }
  std::cout << "imported " << report.imported << " products, " << report.failed.size() << " lines failed\n";
  return report.failed.empty() ? 0 : 1;
}

int run(ProductService& products, std::span<const std::string> args) {
  if (args.size() == 2 && args[0] == "import") return import_file(products, args[1]);
  if (args.size() == 1 && args[0] == "export") {
    export_ndjson(products, std::cout);
    return 0;
  }
  if (args.size() == 2 && args[0] == "export") {
    std::ofstream out(args[1]);
    export_ndjson(products, out);
    return out ? 0 : 1;
  }
  std::cerr << kUsage;
  return 2;
}

}  // namespace

CliCommand catalog_command(ProductService& products) {
  return {"catalog", "agora catalog import FILE | export [FILE]   NDJSON products",
          [&products](std::span<const std::string> args) { return run(products, args); }};
}

}  // namespace agora::catalog
