"""Administrative regions (GB/T 2260 codes and local suffixes): the grid of article 13."""
