"""Django admin registration for users (Wagtail's own user admin is the main one)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import User

admin.site.register(User, UserAdmin)
