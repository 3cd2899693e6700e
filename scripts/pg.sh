#!/usr/bin/env bash
# A private, throwaway PostgreSQL cluster for tests: initdb in a temporary directory, a server
# on a free loopback port (its unix socket in that directory too), an `app` database, and a
# URL to reach it; stopped and removed afterwards. Nothing of the machine's own clusters is
# touched. PostgreSQL is installed first if it is missing (Debian's `postgresql` package).
#
#   scripts/pg.sh run [--var NAME]... [--if-unset] -- COMMAND [ARG]...
#       starts a cluster, runs COMMAND with the URL in each NAME (DATABASE_URL if no --var is
#       given), then stops and removes the cluster whatever COMMAND did (its exit status is
#       kept, and an interrupt stops the cluster too). With --if-unset, a NAME already set
#       (a database of your own) is used as it is and no cluster is started. `.ci/run` runs
#       the tests this way.
#   eval "$(scripts/pg.sh start)"
#       starts a cluster and prints `export` lines for DATABASE_URL and PG_SH_DIR;
#   scripts/pg.sh stop [DIR]
#       stops and removes the cluster in DIR (default: $PG_SH_DIR).
#   scripts/pg.sh install
#       only makes sure the server programs are there.
#
# The URL is `postgresql://postgres:PASSWORD@127.0.0.1:PORT/app` (password auth over TCP; the
# role is the cluster's superuser, so tests may create databases of their own). Settings by
# environment: PG_PORT (a fixed port instead of a free one), PG_DB (default `app`), PG_BINDIR
# (where initdb and pg_ctl are), TMPDIR. initdb refuses to run as root: as root the cluster
# belongs to the `postgres` system user (made by the Debian package, or here if missing).
# The cluster is tuned for throwaway use (fsync off): never keep data in it.
set -euo pipefail

log() { echo "pg.sh: $*" >&2; }
die() {
    log "$*"
    exit 1
}

PG_OS_USER=postgres

# The directory holding initdb and pg_ctl: PG_BINDIR, else the newest Debian server version,
# else whatever is on PATH. Prints nothing if there is none.
find_bindir() {
    if [[ -n "${PG_BINDIR:-}" ]]; then
        echo "$PG_BINDIR"
        return
    fi
    local dir best=""
    # Highest major version last (a plain glob would sort 10 before 9).
    while read -r dir; do
        if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
            best=$dir
        fi
    done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k4,4n)
    if [[ -n "$best" ]]; then
        echo "$best"
        return
    fi
    local initdb
    if initdb=$(command -v initdb) && command -v pg_ctl >/dev/null; then
        dirname "$(readlink -f "$initdb")"
    fi
}

install_postgres() {
    if [[ -n "$(find_bindir)" ]]; then
        return
    fi
    [[ $EUID -eq 0 ]] || die "PostgreSQL is not installed and this is not root: install Debian's 'postgresql' package (or set PG_BINDIR)"
    command -v apt-get >/dev/null || die "PostgreSQL is not installed and there is no apt-get: install it (or set PG_BINDIR)"
    log "installing PostgreSQL (apt-get install postgresql)"
    local start=$SECONDS
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
    log "installed in $((SECONDS - start)) s"
    [[ -n "$(find_bindir)" ]] || die "PostgreSQL was installed but initdb/pg_ctl are not found"
}

# Runs a command as the cluster's owner: the current user, or `postgres` when we are root.
as_owner() {
    if [[ $EUID -eq 0 ]]; then
        runuser -u "$PG_OS_USER" -- "$@"
    else
        "$@"
    fi
}

ensure_os_user() {
    [[ $EUID -eq 0 ]] || return 0
    if ! id -u "$PG_OS_USER" >/dev/null 2>&1; then
        log "creating the system user $PG_OS_USER"
        useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_OS_USER"
    fi
}

port_in_use() {
    # A connection that succeeds means someone listens there.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
    local port tries
    for tries in $(seq 1 50); do
        port=$((20000 + RANDOM % 40000))
        if ! port_in_use "$port"; then
            echo "$port"
            return
        fi
        : "$tries"
    done
    die "no free loopback port found"
}

# Starts a cluster; sets PG_DIR and PG_URL.
start_cluster() {
    install_postgres
    ensure_os_user
    local bindir
    bindir=$(find_bindir)
    local db=${PG_DB:-app}
    PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/pg.XXXXXX")
    local password
    password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
    printf '%s\n' "$password" >"$PG_DIR/pwfile"
    if [[ $EUID -eq 0 ]]; then
        chown -R "$PG_OS_USER" "$PG_DIR"
    fi
    chmod 700 "$PG_DIR"

    (cd "$PG_DIR" && as_owner "$bindir/initdb" -D "$PG_DIR/data" -U postgres -E UTF8 --no-locale \
        --auth-local=trust --auth-host=scram-sha-256 --pwfile="$PG_DIR/pwfile" --no-sync) \
        >"$PG_DIR/initdb.log" 2>&1 || {
        cat "$PG_DIR/initdb.log" >&2
        rm -rf "$PG_DIR"
        die "initdb failed"
    }
    rm -f "$PG_DIR/pwfile"

    local port attempt
    for attempt in 1 2 3 4 5; do
        port=${PG_PORT:-$(free_port)}
        # The last setting of a name wins in postgresql.conf.
        cat >>"$PG_DIR/data/postgresql.conf" <<EOF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_DIR'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
        if (cd "$PG_DIR" && as_owner "$bindir/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start) >/dev/null 2>&1; then
            break
        fi
        if [[ -n "${PG_PORT:-}" || $attempt -eq 5 ]]; then
            cat "$PG_DIR/server.log" >&2 || true
            rm -rf "$PG_DIR"
            die "the server did not start"
        fi
        log "port $port was taken, trying another"
    done
    (cd "$PG_DIR" && as_owner "$bindir/createdb" -h "$PG_DIR" -p "$port" -U postgres "$db") >&2 || {
        stop_cluster "$PG_DIR"
        die "createdb $db failed"
    }
    echo "$bindir" >"$PG_DIR/bindir"
    PG_URL="postgresql://postgres:$password@127.0.0.1:$port/$db"
    log "PostgreSQL $(as_owner "$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (socket and data in $PG_DIR)"
}

stop_cluster() {
    local dir=$1
    [[ -n "$dir" && -d "$dir" ]] || return 0
    local bindir
    bindir=$(cat "$dir/bindir" 2>/dev/null || find_bindir)
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        (cd "$dir" && as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop) >/dev/null 2>&1 ||
            (cd "$dir" && as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop) >/dev/null 2>&1 ||
            log "could not stop the server in $dir"
    fi
    rm -rf "$dir"
    log "stopped and removed $dir"
}

cmd_run() {
    local vars=() if_unset=0
    while [[ $# -gt 0 ]]; do
        case $1 in
        --var)
            [[ $# -ge 2 ]] || die "--var needs a name"
            vars+=("$2")
            shift 2
            ;;
        --if-unset)
            if_unset=1
            shift
            ;;
        --)
            shift
            break
            ;;
        *) die "run: unexpected '$1' (usage: pg.sh run [--var NAME]... [--if-unset] -- COMMAND...)" ;;
        esac
    done
    [[ $# -gt 0 ]] || die "run: no command given (usage: pg.sh run [--var NAME]... -- COMMAND...)"
    [[ ${#vars[@]} -gt 0 ]] || vars=(DATABASE_URL)
    if [[ $if_unset -eq 1 && -n "${!vars[0]:-}" ]]; then
        log "${vars[0]} is set: using that database, no cluster started"
        local var
        for var in "${vars[@]:1}"; do
            export "$var=${!vars[0]}"
        done
        exec "$@"
    fi
    PG_DIR=""
    trap 'stop_cluster "$PG_DIR"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    start_cluster
    local var
    for var in "${vars[@]}"; do
        export "$var=$PG_URL"
    done
    # The command runs in the background so that a signal to this script is handled at once
    # (bash runs traps only between foreground commands): it is passed on to the command, and
    # the cluster is stopped once the command has ended.
    "$@" <&0 &
    PG_CHILD=$!
    trap 'PG_SIGNAL=130; kill -INT "$PG_CHILD" 2>/dev/null || true' INT
    trap 'PG_SIGNAL=143; kill -TERM "$PG_CHILD" 2>/dev/null || true' TERM
    PG_SIGNAL=0
    local rc
    while true; do
        rc=0
        wait "$PG_CHILD" || rc=$?
        kill -0 "$PG_CHILD" 2>/dev/null || break
    done
    if [[ $PG_SIGNAL -ne 0 ]]; then
        exit "$PG_SIGNAL"
    fi
    exit "$rc"
}

main() {
    local cmd=${1:-}
    [[ $# -gt 0 ]] && shift
    case $cmd in
    run) cmd_run "$@" ;;
    start)
        PG_DIR=""
        trap 'stop_cluster "$PG_DIR"' ERR
        start_cluster
        printf 'export PG_SH_DIR=%q\nexport DATABASE_URL=%q\n' "$PG_DIR" "$PG_URL"
        ;;
    stop) stop_cluster "${1:-${PG_SH_DIR:-}}" ;;
    install) install_postgres ;;
    *)
        sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
        exit 2
        ;;
    esac
}

main "$@"
