from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "bitewise.integrations"
    label = "integrations"
    verbose_name = "Integrations (xAPI, LTI 1.3, SCORM/cmi5)"
