#pragma once
// Routes of the storefront reads and of the admin product, variant and price-list writes.
#include "app/product_service.hpp"
#include "app/storefront.hpp"

#include <agora/core/http.hpp>

namespace agora::catalog {

// /api/v1/catalog/products[/{id}|/by-slug/{slug}]: public; product pages answer from memory.
void add_storefront_routes(http::Router& router, Storefront& storefront, const StorefrontOptions& options);
// /api/v1/admin/catalog/products..., /api/v1/admin/catalog/variants/...: catalog managers and admins.
void add_product_admin_routes(http::Router& router, ProductService& products);

}  // namespace agora::catalog
