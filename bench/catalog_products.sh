#!/usr/bin/env bash
# Writes N generated products as NDJSON (agora catalog import takes it): 50 brands, 8 colours,
# 2 variants each, prices in USD; every 10th product also has an explicit EUR price.
#   bench/catalog_products.sh 100000 > products.ndjson
set -euo pipefail
awk -v n="${1:-100000}" 'BEGIN {
  split("red green blue black white grey yellow navy", colours, " ")
  for (i = 0; i < n; i++) {
    price = 500 + (i * 7919) % 20000
    colour = colours[i % 8 + 1]
    eur = (i % 10 == 0) ? sprintf(",{\"currency\":\"EUR\",\"amount\":%d}", price - 50) : ""
    printf "{\"slug\":\"product-%d\",\"status\":\"active\",\"brand\":\"brand-%d\",", i, i % 50
    printf "\"attributes\":{\"colour\":\"%s\",\"material\":\"cotton\"},\"default_locale\":\"en\",", colour
    printf "\"images\":[{\"url\":\"https://img.example/p/%d.jpg\",\"alt\":\"front\"}],", i
    printf "\"texts\":{\"en\":{\"title\":\"Product %d\",\"description\":\"A %s thing, number %d.\"},", i, colour, i
    printf "\"de\":{\"title\":\"Produkt %d\",\"description\":\"\"}},\"variants\":[", i
    printf "{\"sku\":\"SKU-%d-S\",\"options\":{\"size\":\"S\"},\"weight_grams\":300,\"prices\":[{\"currency\":\"USD\",\"amount\":%d}%s]},", i, price, eur
    printf "{\"sku\":\"SKU-%d-L\",\"options\":{\"size\":\"L\"},\"weight_grams\":350,\"prices\":[{\"currency\":\"USD\",\"amount\":%d}]}]}\n", i, price + 200
  }
}'
