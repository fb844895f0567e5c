"""briefing: news of official visits turned into monthly multilingual PDF briefings."""

__version__ = "0.1.0"
