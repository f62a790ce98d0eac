"""Het auditlog: alleen toevoegen, nooit wijzigen of verwijderen."""
