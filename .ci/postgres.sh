#!/usr/bin/env bash
# Start (or stop) a throwaway PostgreSQL server for actorgraph's tests.
#
#   eval "$(bash .ci/postgres.sh)"     # install if needed, start, print the export line
#   bash .ci/postgres.sh stop          # stop it (the data directory is kept)
#   bash .ci/postgres.sh clean         # stop it and delete the data directory
#
# The server is our own: its own data directory ($AG_PG_DIR, default
# /tmp/actorgraph-pg), its own port ($AG_PG_PORT, default 54329), listening on
# 127.0.0.1 only, with its socket in the data directory; no system service is
# used. Password authentication (scram) is on for TCP so that the tests can
# check a wrong password. It is idempotent: running it again on a running
# server only prints the export line. Everything but that line goes to stderr.
set -euo pipefail

DIR=${AG_PG_DIR:-/tmp/actorgraph-pg}
PORT=${AG_PG_PORT:-54329}
USER_NAME=actorgraph
PASSWORD=actorgraph
DB=actorgraph_test
DATA=$DIR/data
LOG=$DIR/server.log

log() { echo "postgres.sh: $*" >&2; }

# pgbin finds the PostgreSQL binaries, installing Debian's package if needed.
pgbin() {
	local d
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
	if [ -z "$d" ] || [ ! -x "$d/initdb" ]; then
		log "installing postgresql from Debian's packages"
		export DEBIAN_FRONTEND=noninteractive
		apt-get install -y -q postgresql >&2 || { apt-get update -q >&2 && apt-get install -y -q postgresql >&2; }
		d=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
	fi
	echo "$d"
}

# as_pg runs a command as the postgres user when we are root (initdb and the
# server refuse to run as root), and as ourselves otherwise.
as_pg() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

url() { echo "postgres://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$DB?sslmode=disable"; }

start() {
	local bin
	bin=$(pgbin)
	mkdir -p "$DIR"
	if [ "$(id -u)" = 0 ]; then
		# The postgres user needs the directory; /tmp is world-traversable.
		id postgres >/dev/null 2>&1 || useradd --system --home "$DIR" postgres
		chown postgres: "$DIR"
	fi
	if [ ! -s "$DATA/PG_VERSION" ]; then
		log "initdb into $DATA"
		rm -rf "$DATA"
		local pw
		pw=$(mktemp)
		echo "$PASSWORD" >"$pw"
		chmod 644 "$pw"
		as_pg "$bin/initdb" -D "$DATA" -U postgres --pwfile="$pw" \
			--auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >&2
		rm -f "$pw"
	fi
	if as_pg "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
		log "already running on port $PORT"
	else
		log "starting on 127.0.0.1:$PORT"
		as_pg "$bin/pg_ctl" -D "$DATA" -l "$LOG" -w -t 30 start \
			-o "-p $PORT -c listen_addresses=127.0.0.1 -k $DATA -c max_connections=200" >&2 || {
			cat "$LOG" >&2
			exit 1
		}
	fi
	local psql=("$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$DATA" -p "$PORT" -U postgres -d postgres)
	if [ "$(as_pg "${psql[@]}" -tAc "SELECT 1 FROM pg_roles WHERE rolname='$USER_NAME'")" != 1 ]; then
		as_pg "${psql[@]}" -c "CREATE ROLE $USER_NAME LOGIN CREATEDB PASSWORD '$PASSWORD'" >&2
	fi
	if [ "$(as_pg "${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname='$DB'")" != 1 ]; then
		as_pg "${psql[@]}" -c "CREATE DATABASE $DB OWNER $USER_NAME" >&2
	fi
	echo "export ACTORGRAPH_TEST_POSTGRES='$(url)'"
}

stop() {
	local bin
	bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
	if [ -n "$bin" ] && [ -s "$DATA/PG_VERSION" ] && as_pg "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
		as_pg "$bin/pg_ctl" -D "$DATA" -w -m fast stop >&2
	else
		log "not running"
	fi
}

case "${1:-start}" in
start) start ;;
stop) stop ;;
clean) stop; rm -rf "$DIR" ;;
url) url ;;
*) echo "usage: $0 [start|stop|clean|url]" >&2; exit 2 ;;
esac
