"""What every domain uses: configuration, database, errors, HTTP conventions, validators."""
