"""Enterprise registries: the records articles 16–24 of the seed demand, one module per kind."""
