from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from evaluations.views import media
from patients import views as patient_views
from patients.password import PasswordChangeView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="patients:list", permanent=False)),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("session/keep-alive/", patient_views.keep_alive, name="keep_alive"),
    path("patients/", include("patients.urls")),
    path("evaluations/", include("evaluations.urls")),
    # Uploads are health-practice data: served by a view that checks the clinic, never mounted.
    path("media/<path:name>", media.exercise_image, name="exercise_image"),
    path("admin/", admin.site.urls),
]
