"""A URLconf with a view that fails, to see the 500 page a user would get."""

from django.urls import path


def failing_view(request):
    raise RuntimeError("Sean Gallagher's evaluation exploded")


urlpatterns = [path("boom/", failing_view)]
