import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ...forms import SaleRowForm
from ...models import Sale

COLUMNS = SaleRowForm.Meta.fields


class Command(BaseCommand):
    help = (
        "Import sales from a CSV file with the columns " + ", ".join(COLUMNS) + ". All or "
        "nothing: the first bad row stops the import, naming its line and column."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the CSV file (UTF-8, header row first)")
        parser.add_argument(
            "--replace", action="store_true", help="delete every sale before importing"
        )

    def handle(self, *args, path: Path, replace: bool, **options):
        try:
            with path.open(newline="", encoding="utf-8-sig") as f:
                sales = list(read_sales(f, path.name))
        except OSError as error:
            raise CommandError(f"{path}: cannot read it: {error.strerror}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{path}: not UTF-8 text ({error.reason})") from error
        with transaction.atomic():
            if replace:
                Sale.objects.all().delete()
            Sale.objects.bulk_create(sales, batch_size=1000)
        self.stdout.write(self.style.SUCCESS(f"Imported {len(sales)} sales from {path}."))


def read_sales(f, name: str):
    """Yield an unsaved Sale per row, or raise CommandError naming the first problem."""
    reader = csv.DictReader(f)
    if reader.fieldnames is None:
        raise CommandError(f"{name}: the file is empty; expected a header row: {','.join(COLUMNS)}")
    missing = [column for column in COLUMNS if column not in reader.fieldnames]
    if missing:
        raise CommandError(
            f"{name}: missing column(s) {', '.join(missing)}; "
            f"the header row must name {', '.join(COLUMNS)}"
        )
    try:
        for row in reader:
            if None in row:
                raise CommandError(
                    f"{name}, line {reader.line_num}: more values than the header has columns"
                )
            form = SaleRowForm({column: (row[column] or "").strip() for column in COLUMNS})
            if not form.is_valid():
                column, errors = next(iter(form.errors.items()))
                raise CommandError(
                    f"{name}, line {reader.line_num}, column {column}: {errors[0]} "
                    f"(got {row[column]!r})"
                )
            yield form.save(commit=False)
    except csv.Error as error:
        raise CommandError(f"{name}, line {reader.line_num}: {error}") from error
