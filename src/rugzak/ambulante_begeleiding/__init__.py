"""Ambulante begeleiding als zaak: RAB, TAB en PAB (001, 003, 004)."""
