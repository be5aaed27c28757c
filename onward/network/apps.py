from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "onward.network"
    label = "network"
