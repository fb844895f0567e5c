"""`python -m briefing` runs the command line."""

from .cli.main import main

main()
