"""Work-injury insurance and work-safety liability insurance (安全生产法 art. 51)."""
