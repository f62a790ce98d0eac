"""Indicatiestelling door de CvI: aanvragen, dossier, termijnen, beschikkingen (000, 004)."""
