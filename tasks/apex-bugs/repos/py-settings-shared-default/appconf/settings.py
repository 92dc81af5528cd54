"""Settings: defaults plus overrides, one object per application instance."""

DEFAULTS = {"debug": False, "workers": 4, "log_level": "INFO"}


class Settings:
    def __init__(self, overrides={}):
        self._values = overrides
        for key, value in DEFAULTS.items():
            self._values.setdefault(key, value)

    def get(self, key):
        return self._values[key]

    def set(self, key, value):
        if key not in DEFAULTS:
            raise KeyError(f"unknown setting: {key}")
        self._values[key] = value

    def as_dict(self):
        return dict(self._values)
