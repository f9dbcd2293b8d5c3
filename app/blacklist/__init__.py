"""The blacklist of article 21: entries, their public notice, and the institutions' queries."""
