"""Grant the app's runtime database role the rows and nothing else.

Run it as the role that owns the tables (the one migrations run as): the runtime role may
read and write rows, but not TRUNCATE, and, owning nothing, it cannot ALTER a table to
switch its triggers off, so the triggers that keep signed notes unchanged hold for it.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from psycopg import sql

NOT_POSTGRESQL = "Database roles are a PostgreSQL feature; SQLite has none to grant."
NO_SUCH_ROLE = "There is no database role {role!r}: create it first (CREATE ROLE … LOGIN)."
ROLE_IS_TOO_STRONG = (
    "{role!r} is a superuser or owns tables here, so it could switch the triggers off: "
    "the runtime role must own nothing (README, Running it for a clinic)."
)

# Future tables are covered too: default privileges apply to what this owner creates later.
GRANTS = [
    "GRANT CONNECT ON DATABASE {database} TO {role}",
    "GRANT USAGE ON SCHEMA {schema} TO {role}",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}",
    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
    "ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} "
    "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}",
    "ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT USAGE, SELECT ON SEQUENCES TO {role}",
]


class Command(BaseCommand):
    help = "Grant a runtime role SELECT, INSERT, UPDATE, DELETE on every table (run as owner)."

    def add_arguments(self, parser):
        parser.add_argument("role", help="the role the app connects as (DATABASE_URL's user)")

    def handle(self, *args, role, **options):
        if connection.vendor != "postgresql":
            raise CommandError(NOT_POSTGRESQL)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT r.rolsuper OR EXISTS (SELECT 1 FROM pg_tables"
                "  WHERE schemaname = current_schema() AND tableowner = r.rolname)"
                " FROM pg_roles r WHERE r.rolname = %s",
                [role],
            )
            found = cursor.fetchone()
            if found is None:
                raise CommandError(NO_SUCH_ROLE.format(role=role))
            if found[0]:
                raise CommandError(ROLE_IS_TOO_STRONG.format(role=role))
            cursor.execute("SELECT current_database(), current_schema()")
            database, schema = cursor.fetchone()
            names = {
                "role": sql.Identifier(role),
                "database": sql.Identifier(database),
                "schema": sql.Identifier(schema),
            }
            for grant in GRANTS:
                statement = sql.SQL(grant).format(**names).as_string(connection.connection)
                cursor.execute(statement)
        self.stdout.write(f"Granted {role} the rows of every table in {database}.{schema}.")
