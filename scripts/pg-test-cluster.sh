#!/bin/sh
# A throwaway PostgreSQL cluster for the tests and the benchmark.
#
#   scripts/pg-test-cluster.sh start DIR [--durable]   prints the URL of the test database
#   scripts/pg-test-cluster.sh stop DIR                stops the server and removes DIR
#
# The server listens only on a Unix socket in DIR (no TCP), so parallel test runs cannot
# collide and nothing is reachable from outside. fsync is off for speed unless --durable
# (the benchmark measures a durable server). Run as root, the server runs as the
# unprivileged `postgres` system user, since PostgreSQL refuses to run as root.
#
# Roles: `jixiao` (superuser, trust) owns the database `jixiao_test`; `jixiao_pw` can log in
# only with the password `jixiao-secret` (scram-sha-256), for the wrong-password tests.
set -eu

PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ ! -x "$PGBIN/initdb" ]; then
    echo "pg-test-cluster: no PostgreSQL server binaries (install the 'postgresql' package)" >&2
    exit 3
fi

usage() {
    echo "usage: pg-test-cluster.sh start DIR [--durable] | stop DIR" >&2
    exit 2
}

[ $# -ge 2 ] || usage
cmd=$1
dir=$2

# as_server CMD...: runs CMD as the server's user
as_server() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case $cmd in
start)
    durable=no
    [ "${3:-}" = --durable ] && durable=yes
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ "$(id -u)" = 0 ]; then
        chown postgres: "$dir"
        chmod 755 "$dir"
    fi
    # A port of its own, although the socket directory alone already keeps runs apart:
    # the socket file and its lock are named after the port.
    port=$((20000 + $$ % 20000))
    as_server "$PGBIN/initdb" -D "$dir/data" -U jixiao --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 3
    }
    cat >"$dir/data/pg_hba.conf" <<HBA
local all jixiao_pw scram-sha-256
local all all trust
HBA
    {
        echo "listen_addresses = ''"
        echo "unix_socket_directories = '$dir'"
        echo "port = $port"
        echo "password_encryption = 'scram-sha-256'"
        echo "max_connections = 20"
        echo "shared_buffers = 128MB"
        if [ $durable = no ]; then
            echo "fsync = off"
            echo "synchronous_commit = off"
            echo "full_page_writes = off"
        fi
    } >>"$dir/data/postgresql.conf"
    as_server "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null || {
        cat "$dir/server.log" >&2
        exit 3
    }
    as_server "$PGBIN/psql" -q -X -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U jixiao \
        -d postgres >/dev/null <<SQL
CREATE DATABASE jixiao_test OWNER jixiao ENCODING 'UTF8' TEMPLATE template0;
CREATE ROLE jixiao_pw LOGIN PASSWORD 'jixiao-secret';
GRANT ALL ON DATABASE jixiao_test TO jixiao_pw;
SQL
    url="postgresql:///jixiao_test?host=$dir&port=$port&user=jixiao"
    echo "$url" >"$dir/url"
    echo "$url"
    ;;
stop)
    if [ -d "$dir/data" ]; then
        as_server "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*)
    usage
    ;;
esac
