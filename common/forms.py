from django.core.exceptions import ValidationError


class FirstErrorOnlyMixin:
    """For model forms: a field the form already refused (a bill month in the future)
    gets no second, contradicting error from the model's own cross-field checks ("the
    bill month is required"): the model saw the field as empty only because the form
    had refused it."""

    def _update_errors(self, errors: ValidationError) -> None:
        if hasattr(errors, "error_dict"):
            for name in [n for n in errors.error_dict if n in self._errors]:
                del errors.error_dict[name]
            if not errors.error_dict:
                return
        super()._update_errors(errors)
