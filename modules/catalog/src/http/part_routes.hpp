#pragma once
// Routes of the category tree and of product reviews.
#include "app/category_service.hpp"
#include "app/review_service.hpp"

#include <agora/core/http.hpp>

namespace agora::catalog {

// /api/v1/catalog/categories (public, from memory), /api/v1/admin/catalog/categories (managers).
void add_category_routes(http::Router& router, CategoryService& categories);
// /api/v1/catalog/products/{id}/reviews|rating, /api/v1/catalog/reviews/{id},
// /api/v1/admin/catalog/reviews (managers).
void add_review_routes(http::Router& router, ReviewService& reviews);

}  // namespace agora::catalog
