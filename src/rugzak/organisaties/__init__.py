"""Organisaties (besturen, scholen, REC's, CvI's, AB-diensten, de bekostigingsinstantie),
gebruikers en hun rollen."""
