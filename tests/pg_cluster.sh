# pg_cluster.sh — a throw-away PostgreSQL server for the tests (sourced by tests/run.sh and by an
# e2e script run alone). pg_cluster_start makes a cluster in a temporary directory (initdb), owned
# by the unprivileged account `postgres` when we run as root (PostgreSQL refuses to run as root;
# CI runs as root), starts it on a Unix socket in that directory with TCP off
# (listen_addresses=''), and exports:
#   MAMORI_TEST_PG      the socket directory (the server is running)
#   MAMORI_TEST_PG_URI  a URI prefix: "${MAMORI_TEST_PG_URI}NAME" is database NAME as the superuser
# pg_cluster_stop stops it and removes the directory; the caller sets a trap so it also runs
# when a test fails or is interrupted. Without the server programs (package postgresql) nothing
# is started and MAMORI_TEST_PG stays unset: the PostgreSQL tests then say they were skipped.

pg_bin() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
    done
    return 1
}

# as_pg CMD...: runs CMD as the cluster's owner.
as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_cluster_start() {
    local bin dir
    bin=$(pg_bin) || { echo "pg_cluster: PostgreSQL's server programs are missing (make deps)" >&2; return 1; }
    dir=$(mktemp -d /tmp/mamori-pg-XXXXXX) || return 1
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    PG_CLUSTER_DIR=$dir PG_CLUSTER_BIN=$bin
    as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
        --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; pg_cluster_stop; return 1; }
    export PG_CLUSTER_DIR PG_CLUSTER_BIN
    pg_cluster_resume || { cat "$dir/server.log" >&2; pg_cluster_stop; return 1; }
    export MAMORI_TEST_PG=$dir
    export MAMORI_TEST_PG_URI="postgresql:///?host=$dir&user=postgres&dbname="
}

# pg_cluster_pause: the server goes away at once (as a crash or a pulled cable would look to a
# kiosk); pg_cluster_resume starts it again on the same socket with the same data.
pg_cluster_pause() {
    as_pg "$PG_CLUSTER_BIN/pg_ctl" -D "$PG_CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1
}
pg_cluster_resume() {
    as_pg "$PG_CLUSTER_BIN/pg_ctl" -D "$PG_CLUSTER_DIR/data" -l "$PG_CLUSTER_DIR/server.log" -w -t 30 \
        -o "-c listen_addresses='' -c unix_socket_directories='$PG_CLUSTER_DIR' -c fsync=${PG_CLUSTER_FSYNC:-off} -c max_connections=60" \
        start >/dev/null 2>&1
}

# pg_cluster_stop: stops the server (fast: the tests' databases are thrown away) and removes it.
pg_cluster_stop() {
    [ -n "${PG_CLUSTER_DIR:-}" ] || return 0
    [ -f "$PG_CLUSTER_DIR/data/postmaster.pid" ] &&
        as_pg "$PG_CLUSTER_BIN/pg_ctl" -D "$PG_CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1
    rm -rf "$PG_CLUSTER_DIR"
    unset MAMORI_TEST_PG MAMORI_TEST_PG_URI PG_CLUSTER_DIR
}

# pg_psql DB SQL: runs SQL on database DB as the superuser; prints the bare result.
pg_psql() {
    "$PG_CLUSTER_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$MAMORI_TEST_PG" -U postgres -d "$1" -c "$2"
}

# pg_newdb NAME: a new empty database NAME; prints its URI.
pg_newdb() {
    pg_psql postgres "CREATE DATABASE \"$1\"" >/dev/null && echo "${MAMORI_TEST_PG_URI}$1"
}
