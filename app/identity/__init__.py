"""Identity and authorization: organizations, users, machine clients, tokens, the policy."""
