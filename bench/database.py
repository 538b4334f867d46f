"""The benchmark's own PostgreSQL database: created before a run and dropped after it.

Only a database whose name contains "bench" is ever created or dropped here, so a mistyped
BENCH_DATABASE_URL can never reach `wholebody`, a `test_*` database or the demo's SQLite.
"""

import os
from urllib.parse import urlsplit

import psycopg
from psycopg import sql

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/wholebody_bench"


class UnsafeDatabase(Exception):
    """The configured benchmark database is not one this script may drop."""


def bench_url():
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if parts.scheme not in ("postgres", "postgresql") or "bench" not in name:
        raise UnsafeDatabase(f"BENCH_DATABASE_URL must name a PostgreSQL *bench* database: {name}")
    if name == "wholebody" or name.startswith("test_"):
        raise UnsafeDatabase(f"refusing to use {name} for the benchmark")
    return url


def _maintenance_connection(url):
    """A connection to the server's `postgres` database, from which another can be dropped."""
    parts = urlsplit(url)
    return psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    )


def recreate(url):
    name = urlsplit(url).path.lstrip("/")
    with _maintenance_connection(url) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop(url):
    name = urlsplit(url).path.lstrip("/")
    with _maintenance_connection(url) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
