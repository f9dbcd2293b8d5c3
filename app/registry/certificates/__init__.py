"""Special-operation certificates and assignments; standardization certificates (art. 18–19)."""
