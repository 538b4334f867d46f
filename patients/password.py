"""Changing one's password: the old password is checked like a login and counted with it."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from .reauth import note_wrong_password, password_confirmed


class CountedPasswordChangeForm(PasswordChangeForm):
    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        if not password_confirmed(self.request, old_password):
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = CountedPasswordChangeForm
    success_url = "/password/done/"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"request": self.request}

    def form_invalid(self, form):
        wrong = "old_password" in form.errors
        if wrong and note_wrong_password(self.request, purpose="password change"):
            return redirect(settings.LOGIN_URL)
        return super().form_invalid(form)
