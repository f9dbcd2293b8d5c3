"""People (员工): employees with departments, job changes and hazard exposures."""
