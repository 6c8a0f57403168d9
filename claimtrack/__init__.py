"""claimtrack: track who said what about diplomatic talks across news articles."""

__version__ = "0.1.0"

# Bumped whenever extraction rules or lexicons change what claims come out, so that
# stored claims record which extractor produced them and `reprocess` can find stale ones.
EXTRACTOR_VERSION = "4"
