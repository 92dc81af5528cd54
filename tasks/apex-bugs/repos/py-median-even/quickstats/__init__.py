from .stats import mean, median, percentile

__all__ = ["mean", "median", "percentile"]
