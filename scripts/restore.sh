#!/usr/bin/env bash
# Restore a dump made by scripts/backup.sh into a FRESH database, then check it. See
# README "Backups".
#
#   scripts/restore.sh FILE postgres://user@host:port/new_name
#
# The database new_name must not exist yet: the script creates it, restores in one
# transaction (all or nothing) and prints the row counts of the Compact's tables. Point
# DATABASE_URL at it (and run `manage.py migrate` if the code is newer than the dump) to
# serve from it.
set -euo pipefail

file="${1:-}"
url="${2:-}"
if [ -z "$file" ] || [ ! -f "$file" ]; then
  echo "usage: $0 FILE postgres://user@host:port/new_name" >&2; exit 2
fi
case "$url" in
  postgres://*|postgresql://*) ;;
  *) echo "usage: $0 FILE postgres://user@host:port/new_name" >&2; exit 2 ;;
esac

base="${url%%\?*}"
name="${base##*/}"
server="${base%/*}/postgres"
if ! [[ "$name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
  echo "database name must be letters, digits and underscores: $name" >&2; exit 2
fi
if [ "$(psql "$server" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'")" = "1" ]; then
  echo "database $name exists: restore only into a fresh database" >&2; exit 1
fi

psql "$server" -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$name\""
if ! pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
    --dbname="$url" "$file"; then
  psql "$server" -q -c "DROP DATABASE IF EXISTS \"$name\""
  echo "restore failed: $name dropped" >&2
  exit 1
fi

psql "$url" -v ON_ERROR_STOP=1 -P footer=off -c "
  SELECT 'offers' AS \"table\", count(*) AS \"rows\" FROM offers_offer
  UNION ALL SELECT 'offer history', count(*) FROM offers_historicaloffer
  UNION ALL SELECT 'commitments', count(*) FROM offers_commitment
  UNION ALL SELECT 'commitment statuses', count(*) FROM offers_commitmentstatus
  UNION ALL SELECT 'commitment status history', count(*) FROM offers_historicalcommitmentstatus
  UNION ALL SELECT 'areas', count(*) FROM boroughs_area
  UNION ALL SELECT 'postcodes', count(*) FROM boroughs_postcode
  UNION ALL SELECT 'staff accounts', count(*) FROM auth_user"
echo "restored into $name"
