"""Errors the store raises; each str() is one plain sentence a user can act on."""


class ProjectError(Exception):
    """Base class: the project file could not be used as asked."""


class NotAProject(ProjectError):
    """The file is not a workbench project (empty, another program's file, text, ...)."""


class DamagedProject(ProjectError):
    """The file looks like a project but is damaged or has been tampered with."""

    def __init__(self, message: str) -> None:
        # SQLite's own error text can quote a damaged schema's SQL over several lines.
        super().__init__(" ".join(message.split()))


class NewerVersion(ProjectError):
    """The file was made by a newer version of the workbench."""


class ReadOnlyProject(ProjectError):
    """A change was asked of a project opened read-only."""


class NotFound(ProjectError):
    """An actor, instrument, source, cell or brief that was asked for does not exist."""


class OverwriteRefused(ProjectError):
    """An output file (export, copy, backup) would have replaced the open project itself."""
