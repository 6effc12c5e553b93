"""The small exception hierarchy that the CLI turns into one clean message and an exit code."""

from __future__ import annotations

from pathlib import Path


class SitegenError(Exception):
    """A problem the user can fix: reported as ``file:line: message`` plus a hint, no traceback."""

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.hint = hint

    def where(self) -> str:
        """``file:line`` (or just ``file``) for the message prefix; empty when unknown."""
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line else str(self.path)

    def __str__(self) -> str:
        where = self.where()
        text = f"{where}: {self.message}" if where else self.message
        return f"{text}\n  hint: {self.hint}" if self.hint else text


class ConfigError(SitegenError):
    """sitegen.toml is malformed or has wrong or unknown keys."""


class ContentError(SitegenError):
    """An article or curated event cannot be read (front matter, dates, encoding)."""


class TemplateError(SitegenError):
    """A theme template failed to compile or render."""


class WriteError(SitegenError):
    """The output cannot be written safely (collisions, paths escaping output/)."""


class ConfigErrors(ConfigError):
    """Several config problems, all reported at once."""

    def __init__(self, errors: list[ConfigError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors

    def __str__(self) -> str:
        return self.message


class Report:
    """Problems met while reading many files: each bad file is reported and skipped, so that one
    bad article does not stop the others from building (``--strict`` makes them fatal)."""

    def __init__(self) -> None:
        self.errors: list[SitegenError] = []
        self.warnings: list[SitegenError] = []

    def error(self, problem: SitegenError) -> None:
        self.errors.append(problem)

    def warn(self, problem: SitegenError) -> None:
        self.warnings.append(problem)

    def extend(self, other: Report) -> None:
        self.errors.extend(other.errors)
        self.warnings.extend(other.warnings)

    def __bool__(self) -> bool:
        return bool(self.errors or self.warnings)
