"""Service contracts (委托服务合同) between safety service firms and enterprises: the
lifecycle, the delegated access they give and the firm's portfolio of clients."""
