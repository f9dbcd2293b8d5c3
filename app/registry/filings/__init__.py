"""Major hazard sources (art. 23) and their filing with the regulator."""
