"""Service contracts (委托服务合同) between safety service firms and enterprises: the
lifecycle and the delegated access they give. The firm's portfolio of clients judges them,
so it is compliance's (app/compliance/portfolio.py): compliance depends on contracts, never
the reverse."""
