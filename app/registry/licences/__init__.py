"""Safety production licences (安全生产许可证, 安全生产许可证条例 arts. 2, 9)."""
