#!/bin/sh
# Runs once when the primary's data folder is created (postgres image's init hook):
# lets the replica connect for streaming replication inside the compose network.
echo "host replication rightstrack all scram-sha-256" >> "$PGDATA/pg_hba.conf"
