#pragma once
// The fx module's routes.
#include "app/fx_service.hpp"
#include "app/rate_refresher.hpp"

#include <agora/core/http.hpp>

namespace agora::fx {

void add_public_routes(http::Router& router, FxService& fx);            // /api/v1/fx/*
void add_admin_routes(http::Router& router, RateRefresher& refresher);  // /api/v1/admin/fx/*

}  // namespace agora::fx
