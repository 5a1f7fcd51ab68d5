"""`in` on an integer column leaves out the numbers the column cannot hold.

Django drops such numbers from `exact`, `gt`, `lt`… (ticket #27397: on SQLite the
query crashed with OverflowError; on PostgreSQL it compared with `numeric` and scanned
the whole table), but not from `in`. A form's multiple choice of ids posted as
"99999999999999999999" therefore gave a 500 on SQLite (ModelMultipleChoiceField asks
`pk__in`). No row can have such an id, so leaving it out changes no answer: the form
reports the choice as invalid.
"""

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import IntegerField
from django.db.models.lookups import In
from django.db.models.sql.compiler import SQLCompiler


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper
    ) -> tuple[str, Any]:
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
