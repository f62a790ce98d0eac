from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "rugzak.audit"
    label = "audit"
    verbose_name = "auditlog"
    default_auto_field = "django.db.models.BigAutoField"
