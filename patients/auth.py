from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class ClinicModelBackend(ModelBackend):
    """Loads the user's clinic with the user, so no page pays an extra query to scope data."""

    def get_user(self, user_id):
        model = get_user_model()
        try:
            user = model._default_manager.select_related("membership__clinic").get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
