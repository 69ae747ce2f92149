from django.core.management.base import BaseCommand

from common.db_roles import grants_sql, roles_sql


class Command(BaseCommand):
    help = (
        "Print the SQL that creates the owner and app roles and grants the app role rows "
        "only. Run it once as a PostgreSQL superuser (psql -f), then set the passwords."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", required=True, help="the database name")
        parser.add_argument("--owner", default="nivaran_owner")
        parser.add_argument("--app", default="nivaran_app")

    def handle(self, *args, database, owner, app, **options):
        for statement in (
            roles_sql(owner=owner, app=app),
            grants_sql(database=database, owner=owner, app=app),
        ):
            self.stdout.write(statement.as_string(None))
