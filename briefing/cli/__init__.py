"""The `briefing` command line: click commands that parse options and print, nothing more.

In: command-line arguments, settings. Out: calls into the library (`briefing.pipeline`,
`briefing.delivery`, `briefing.review`...), one-line messages and exit codes.
  main          the top group (`briefing`), `build`, `run`, `settings`; registers the rest
  common        what every command shares: settings loading, one-line errors, `-q`
  extract       `briefing extract`
  mail          `subscribers ...`, `send`, `serve`
  review        `review`, `approve`
  models        `models ...` (Argos packages)
  translations  `translations export/import`
The console script is `briefing.cli.main:main`.
"""
