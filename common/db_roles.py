"""The two PostgreSQL roles Nivaran runs with (docs/SECURITY.md, "Database roles").

The owner role owns the database and schema and runs `migrate` (MIGRATE_DATABASE_URL);
the app role, which web and workers use (DATABASE_URL), may only read and write rows.
Not owning a table, it cannot TRUNCATE it, ALTER it (so no DISABLE TRIGGER) or drop it;
not being a superuser, it cannot SET session_replication_role to skip the triggers.
"""

from psycopg import sql


def roles_sql(*, owner: str, app: str) -> sql.Composed:
    """Create both roles if missing (run as a superuser; safe to repeat). Passwords are
    set apart, with ALTER ROLE ... PASSWORD, so none is written into a script."""
    create = """
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {owner_text}) THEN
        CREATE ROLE {owner} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {app_text}) THEN
        CREATE ROLE {app} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;  -- created meanwhile by a concurrent run
END $$;
"""
    return sql.SQL(create).format(
        owner=sql.Identifier(owner),
        app=sql.Identifier(app),
        owner_text=sql.Literal(owner),
        app_text=sql.Literal(app),
    )


def grants_sql(*, database: str, owner: str, app: str) -> sql.Composed:
    """Hand the database to the owner and give the app role rows only: on the tables that
    exist, and (default privileges) on every table the owner's migrations create later."""
    grants = """
ALTER DATABASE {database} OWNER TO {owner};
ALTER SCHEMA public OWNER TO {owner};
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON DATABASE {database} FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE {database} TO {app};
GRANT USAGE ON SCHEMA public TO {app};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app};
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app};
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO {app};
"""
    return sql.SQL(grants).format(
        database=sql.Identifier(database), owner=sql.Identifier(owner), app=sql.Identifier(app)
    )
