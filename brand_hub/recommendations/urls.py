"""Share URLs outside the API: /s/<code>."""

from django.urls import path

from .views import share_redirect

app_name = "recommendations"

urlpatterns = [path("<str:code>", share_redirect, name="share_redirect")]
