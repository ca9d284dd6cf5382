#pragma once
// `agora catalog import FILE` and `agora catalog export [FILE]`: NDJSON products, streamed.
#include "app/product_service.hpp"

#include <agora/core/module.hpp>

namespace agora::catalog {

CliCommand catalog_command(ProductService& products);

}  // namespace agora::catalog
