"""Writes that span models, as keyword-only functions that validate before they save."""

from .evaluation import start_evaluation

__all__ = ["start_evaluation"]
