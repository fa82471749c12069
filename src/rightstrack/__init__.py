"""RightsTrack: follow-up of UN human rights recommendations."""

__version__ = "0.1.0"
