#pragma once
// What /api/docs serves: the page (web/api-docs/index.html) and swagger-ui-dist's script and
// stylesheet, compiled into the binary at build time (cmake/GenerateApiDocsFiles.cmake).
#include <span>
#include <string_view>

namespace agora::http {

struct EmbeddedFile {
  std::string_view name;  // e.g. "swagger-ui-bundle.js"
  std::string_view content;
};

std::span<const EmbeddedFile> api_docs_files();

}  // namespace agora::http
