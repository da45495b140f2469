#!/bin/sh
# Logical backups of Tingvakt's databases, and their restore: the commands docs/operations.md ("Backup and restore")
# gives, and the ones the backup tests run (devstack's PgDump runs this very script against a real PostgreSQL).
#
#   pg-backup.sh [backup]          pg_dump -Fc of each database into $TINGVAKT_BACKUP_DIR as <db>-<UTC time>.dump,
#                                  then deletes dumps older than $TINGVAKT_BACKUP_KEEP_DAYS days
#   pg-backup.sh restore DB FILE   drops and re-creates DB, then pg_restore of FILE into it (stop DB's service first)
#
# The server is libpq's environment: PGHOST, PGPORT, PGUSER, PGPASSWORD. TINGVAKT_BACKUP_DATABASES (default
# "moderation archive notifier"), TINGVAKT_BACKUP_DIR (default /backups), TINGVAKT_BACKUP_KEEP_DAYS (default 30).
# Use the pg_dump of the server's major version or newer (docker-compose.yml's backup service runs postgres:17's).
set -eu

case "${1:-backup}" in
  backup)
    dir=${TINGVAKT_BACKUP_DIR:-/backups}
    stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
    for db in ${TINGVAKT_BACKUP_DATABASES:-moderation archive notifier}; do
      # Written under a temporary name and renamed when complete: a half-written dump never looks like a backup.
      pg_dump -Fc -f "$dir/$db-$stamp.dump.partial" "$db"
      mv "$dir/$db-$stamp.dump.partial" "$dir/$db-$stamp.dump"
      echo "$dir/$db-$stamp.dump"
    done
    find "$dir" -maxdepth 1 -name '*.dump' -mtime +"${TINGVAKT_BACKUP_KEEP_DAYS:-30}" -delete
    ;;
  restore)
    db=${2:?usage: pg-backup.sh restore DATABASE FILE}
    file=${3:?usage: pg-backup.sh restore DATABASE FILE}
    dropdb --if-exists "$db"
    createdb "$db"
    pg_restore --no-owner --exit-on-error -d "$db" "$file"
    ;;
  *)
    echo "usage: pg-backup.sh [backup] | restore DATABASE FILE" >&2
    exit 2
    ;;
esac
