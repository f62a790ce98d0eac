"""De regelkern van rugzak: de leerlinggebonden financiering als pure Python.

Geen Django, geen I/O, geen klok: "vandaag" is altijd een argument. Bedragen zijn
``Decimal`` (of hele centen in de bulkberekening), waarden zijn onveranderlijk en
elke uitkomst draagt een :class:`~rugzak.regeling.uitleg.Uitleg` met bronnen.
"""
