"""The project's own exceptions: the CLI turns each into a one-line message and exit code."""


class BriefingError(Exception):
    """Base of every error the user should see as one clear line (no traceback)."""

    exit_code = 2  # the command could not run


class NoArticlesError(BriefingError):
    """A folder of articles holds no article file: nothing to do is not success."""

    exit_code = 1  # an input failed (the folder), as when every article of it fails


class SettingsError(BriefingError):
    """One or more settings are invalid."""


class InputError(BriefingError):
    """An input item (article, CSV row, model file) cannot be used."""


class SystemDependencyError(BriefingError):
    """A system library the program needs (Pango for WeasyPrint) is missing."""


class TranslationError(BriefingError):
    """A translation model cannot be installed, loaded or run."""


class RenderError(BriefingError):
    """An edition cannot be laid out (for example a glyph missing from every font)."""


class MailError(BriefingError):
    """A message cannot be built or delivered."""
