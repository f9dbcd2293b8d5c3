"""The law as dated data: values that change by date, each with its source (OpenFisca's model)."""
