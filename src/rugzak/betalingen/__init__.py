"""Het geld: maandelijkse betaalrun, grootboek, correcties, REC-bekostiging, besteding."""
