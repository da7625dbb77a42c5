"""The Hindi lint's rule families; hooks/checks/hindi_lint.py runs them together."""
