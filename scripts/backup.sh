#!/usr/bin/env bash
# Back up the portal's PostgreSQL database with pg_dump (custom format: compressed, and
# pg_restore can restore it whole or in part). See README "Backups".
#
#   scripts/backup.sh [DATABASE_URL] [FILE]
#
# DATABASE_URL defaults to the environment's; FILE to compact-portal-<UTC time>.dump.
# The dump holds offers, commitments, their history, staff accounts and the postcode
# directory; it holds no typed postcode (the portal never stores one). Keep it as you keep
# staff data: encrypted at rest, access limited.
set -euo pipefail

url="${1:-${DATABASE_URL:-}}"
file="${2:-compact-portal-$(date -u +%Y%m%dT%H%M%SZ).dump}"
case "$url" in
  postgres://*|postgresql://*) ;;
  *) echo "usage: $0 postgres://user@host:port/name [FILE]" >&2; exit 2 ;;
esac

# --no-owner/--no-privileges: restorable into any database whose owner runs the portal.
pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$file.partial" "$url"
# Only a complete dump gets the final name.
mv "$file.partial" "$file"
pg_restore --list "$file" >/dev/null
echo "$file"
