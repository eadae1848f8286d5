"""eval: the published metrics, computed the same way as ../shared/eval's scorers."""
