"""Brand Hub: the Django project and its domain apps."""
