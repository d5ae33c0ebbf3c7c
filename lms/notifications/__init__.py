"""Notifications: one service for every app (see service.py), its kinds, emails and pages."""
