"""Safety commitments (art. 21) and the monthly risk analyses of art. 23."""
