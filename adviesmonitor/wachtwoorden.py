"""Password rules beyond Django's own."""

from __future__ import annotations

from django.contrib.auth import password_validation


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum length, with its message in Dutch: Django 5.2 reworded the message and
    its Dutch translation has not followed, so users would read it in English."""

    def get_error_message(self) -> str:
        return f"Dit wachtwoord is te kort: het moet minstens {self.min_length} tekens lang zijn."
