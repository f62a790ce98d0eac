"""Overeenkomst school-ouders, handelingsplan en evaluaties (002, fase 11 en 13, bijlage 2)."""
