# Surge on Debian 12, built as the README's set-up command builds it, serving
# examples/http_server.php on port 8080:
#   docker build -t surge . && docker run --rm -p 8080:8080 surge
#   curl http://127.0.0.1:8080/
FROM debian:12-slim
WORKDIR /srv/surge
COPY . .
RUN bash scripts/install-deps.sh --build-only \
    && phpize && ./configure --enable-surge && make -j"$(nproc)" \
    && rm -rf /var/lib/apt/lists/*
ENV HTTP_LISTEN=0.0.0.0:8080
EXPOSE 8080
# The master stops every worker on SIGTERM (docker stop) and on SIGINT (Ctrl+C).
STOPSIGNAL SIGTERM
CMD ["php", "-d", "extension=/srv/surge/modules/surge.so", "examples/http_server.php", "start"]
