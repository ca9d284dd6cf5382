# Multi-stage build on Debian 12: build with the dev packages, run with the runtime libraries only.
FROM debian:12 AS build
COPY scripts/setup.sh /src/scripts/setup.sh
RUN bash /src/scripts/setup.sh
COPY . /src
RUN cmake -S /src -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DAGORA_BUILD_TESTS=OFF \
 && cmake --build /build --target agora \
 && strip /build/agora

FROM debian:12-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libboost-json1.81.0 libboost-url1.81.0 libsoci-core4.0 libsoci-postgresql4.0 libpq5 \
      libhiredis0.14 librdkafka1 libfmt9 libspdlog1.10 libtomlplusplus3 libsodium23 libexpat1 libicu72 libtcmalloc-minimal4 libxapian30 curl ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app agora \
 && install -d -o agora /var/lib/agora/search
WORKDIR /app
COPY --from=build /build/agora /usr/local/bin/agora
COPY config /app/config
USER agora
ENV AGORA_ENV=production
# Each container keeps its own search index (rebuilt from the catalog when missing): a volume here
# spares the rebuild at a restart.
ENV AGORA_SEARCH_INDEX_DIR=/var/lib/agora/search
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health/live || exit 1
ENTRYPOINT ["agora"]
CMD ["serve"]
