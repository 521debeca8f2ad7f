"""File menu work: new, open, sample, recent, import, share a copy, check, export, quit.

Long jobs (import, check, share) run on the session's I/O service with a progress dialog; the
service orders them after the edits already made, so none needs to save anything first. Errors
reach the analyst through the window's notifier as one plain sentence.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from workbench.store.errors import ProjectError
from workbench.ui.plain_text import menu_text, plain
from workbench.ui.flow_host import FlowHost
from workbench.ui.notices import SourcesChanged
from workbench.ui.notifier import Severity

# Importing, checking, sharing and exporting pull in PDF and font libraries: they are imported
# when first used, so that the window opens fast.

PROJECT_FILTER = "Workbench projects (*.pbw)"
IMPORT_FILTER = ("Sources (*.txt *.md *.markdown *.html *.htm *.pdf *.docx *.odt *.json *.ris *.bib);;"
                 "Library exports: CSL-JSON, RIS, BibTeX (*.json *.ris *.bib);;All files (*)")
SAMPLE_NAME = "Sample project.pbw"


def sample_path() -> Path:
    """Where the sample project lives: the app's own data folder."""
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    return folder / SAMPLE_NAME


def ensure_sample() -> Path:
    """The sample project file, created from seeds/ on first use."""
    from workbench import sample

    path = sample_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        sample.create_sample(path).close()
    return path


class FileFlows(QObject):
    """The File menu of one window, which it sees only as a FlowHost."""

    def __init__(self, host: FlowHost) -> None:
        super().__init__(host.dialog_parent())
        self.w = host
        self._export_read = None  # the read the Export brief dialog waits for (a Handle)
        self._export_open = False

    # -- opening -----------------------------------------------------------------------

    def new_project(self) -> None:
        start = self.w.settings.last_folder("projects") or str(Path.home())
        name, _ = QFileDialog.getSaveFileName(self.w.dialog_parent(), "New project", str(Path(start) / "New project.pbw"),
                                              PROJECT_FILTER)
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".pbw":
            path = path.with_name(path.name + ".pbw")
        if path.exists():
            self.w.notifier.tell(f"{path.name} already exists. Choose another name.", Severity.WARNING,
                                 title="New project")
            return
        from workbench import sample

        try:
            sample.create_empty(path, path.stem, user=self.w.settings.display_name() or None).close()
        except (ProjectError, OSError, ValueError) as e:
            self.w.notifier.tell(f"The project could not be created: {e}", Severity.ERROR, title="New project")
            return
        self.w.open_project(path)

    def open_dialog(self) -> None:
        start = self.w.settings.last_folder("projects") or str(Path.home())
        name, _ = QFileDialog.getOpenFileName(self.w.dialog_parent(), "Open project", start,
                                              f"{PROJECT_FILTER};;All files (*)")
        if name:
            self.w.open_project(Path(name))

    def open_sample(self) -> None:
        try:
            path = ensure_sample()
        except (ProjectError, OSError, ValueError) as e:
            self.w.notifier.tell(f"The sample project could not be made: {e}", Severity.ERROR,
                                 title="Sample project")
            return
        self.w.open_project(path)

    def fill_recent_menu(self) -> None:
        menu = self.w.recent_menu()
        menu.clear()
        files = self.w.settings.recent_files()
        for path in files:
            act = menu.addAction(menu_text(f"{path.name}  —  {path.parent}"))
            act.setEnabled(path.exists())
            act.triggered.connect(lambda _c=False, p=path: self.w.open_project(p))
        if not files:
            menu.addAction("No recent projects").setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction("Clear list", self.w.settings.clear_recent)

    # -- importing ---------------------------------------------------------------------

    def import_dialog(self) -> None:
        """Ctrl+I: files, or a whole folder (a file dialog picks one or the other)."""
        if not self.w.can_write("Import sources"):
            return
        ask = QMessageBox(QMessageBox.Icon.Question, "Import sources",
                          "Import some files, or everything readable in a folder and its subfolders?",
                          QMessageBox.StandardButton.Cancel, self.w.dialog_parent())
        files = ask.addButton("Files…", QMessageBox.ButtonRole.AcceptRole)
        folder = ask.addButton("A folder…", QMessageBox.ButtonRole.AcceptRole)
        ask.setDefaultButton(files)
        ask.exec()
        start = self.w.settings.last_folder("import") or str(Path.home())
        if ask.clickedButton() is files:
            names, _ = QFileDialog.getOpenFileNames(self.w.dialog_parent(), "Import sources", start, IMPORT_FILTER)
            paths = [Path(n) for n in names]
        elif ask.clickedButton() is folder:
            name = QFileDialog.getExistingDirectory(self.w.dialog_parent(), "Import a folder", start)
            paths = [Path(name)] if name else []
        else:
            return
        if paths:
            self.w.settings.set_last_folder("import", paths[0].parent if paths[0].is_file() else paths[0])
            self.import_paths(paths)

    def dropped(self, paths: list[Path]) -> None:
        """Files dropped on the window: one project file opens, anything else is imported."""
        if len(paths) == 1 and paths[0].suffix.lower() == ".pbw":
            self.w.open_project(paths[0])
        else:
            self.import_paths([p for p in paths if p.suffix.lower() != ".pbw"])

    def import_paths(self, paths: list[Path]) -> None:
        """Import files and folders in a worker, with progress and Cancel."""
        if not paths or not self.w.can_write("Import sources"):
            return
        from workbench.ingest.importer import import_paths

        session = self.w.session

        def failed(error: ProjectError) -> None:
            session.notify(SourcesChanged())  # batches saved before the failure are shown
            self.w.notifier.problem(error, "Import")

        self.w.jobs.start(session, "Importing sources…",
                          lambda project, progress: import_paths(project, paths, progress), self._imported, failed)

    def _imported(self, report) -> None:  # report: ingest.importer.ImportReport
        session = self.w.session
        if report.added:
            from workbench.ui.source_commands import ImportedSources

            session.run(ImportedSources(session, report.added))  # one step on Edit ▸ Undo
        else:
            session.notify(SourcesChanged())
        self.w.show_message(f"Import: {report.summary()}.")
        if report.failed or report.notices:
            lines = [f"{p.name}: {msg}" for p, msg in report.failed[:30]]
            more = len(report.failed) - len(lines)
            if more > 0:
                lines.append(f"… and {more} more.")
            lines += report.notices
            box = QMessageBox(QMessageBox.Icon.Warning if report.failed else QMessageBox.Icon.Information,
                              "Import", f"{report.summary().capitalize()}.", QMessageBox.StandardButton.Ok,
                              self.w.dialog_parent())
            box.setInformativeText("Some files could not be read; the others were imported." if report.failed
                                   else "Some files were passed over; see the details.")
            box.setDetailedText("\n".join(lines))
            box.open()
        self.last_import = report

    # -- sharing and checking ----------------------------------------------------------

    def share_copy(self, *, local: bool = False) -> None:
        """Ask where, then write a clean copy; *local* suggests the Documents folder, for a
        file that sits in a sync folder or on a network share."""
        if self.w.session is None:
            return
        project = self.w.session.project
        suggestion = project.path.with_name(f"{project.path.stem} (copy).pbw")
        if local:
            documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            suggestion = Path(documents or Path.home()) / f"{project.path.stem}.pbw"
        name, _ = QFileDialog.getSaveFileName(self.w.dialog_parent(), "Save a copy", str(suggestion), PROJECT_FILTER)
        if name:
            self.save_copy_to(Path(name), offer_open=project.read_only or local)

    def save_copy_to(self, target: Path, *, offer_open: bool = False) -> None:
        from workbench.store.share import share

        def work(project, progress) -> Path:
            progress(0, 0, "Writing and verifying the copy")
            return share(project, target)

        # The copy is made after the edits queued so far: it holds what was just typed.
        self.w.jobs.start(self.w.session, "Saving a copy…", work, lambda out: self._copied(out, offer_open),
                          lambda error: self.w.notifier.problem(error, "Save a copy"), cancellable=False)

    def _copied(self, out: Path, offer_open: bool) -> None:
        self.w.show_message(f"Copy saved: {out}")
        if offer_open:
            answer = QMessageBox.question(
                self.w.dialog_parent(), "Copy saved",
                plain(f"The copy was saved as {out.name}.\n\nOpen the copy to work on it?"),
                QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close)
            if answer == QMessageBox.StandardButton.Open:
                self.w.open_project(out)

    def repaired_copy(self) -> None:
        """Save a copy of a project with wrong values, mended or with those rows dropped, and
        say which; then offer to open it (the file itself stays as it is)."""
        if self.w.session is None:
            return
        project = self.w.session.project
        suggestion = project.path.with_name(f"{project.path.stem} (repaired).pbw")
        name, _ = QFileDialog.getSaveFileName(self.w.dialog_parent(), "Save a repaired copy", str(suggestion),
                                              PROJECT_FILTER)
        if not name:
            return
        target = Path(name) if name.lower().endswith(".pbw") else Path(name + ".pbw")
        source = project.path

        def work(_project, progress) -> list[str]:
            from workbench.store.repair import save_repaired_copy

            progress(0, 0, "Mending the copy and checking it")
            return save_repaired_copy(source, target)

        self.w.jobs.start(self.w.session, "Saving a repaired copy…", work, lambda done: self._repaired(target, done),
                          lambda error: self.w.notifier.problem(error, "Save a repaired copy"), cancellable=False)

    def _repaired(self, out: Path, done: list[str]) -> None:
        self.w.show_message(f"Repaired copy saved: {out}")
        listed = "\n".join(done[:12]) + (f"\n… and {len(done) - 12} more" if len(done) > 12 else "")
        answer = QMessageBox.question(
            self.w.dialog_parent(), "Repaired copy saved",
            plain(f"The repaired copy was saved as {out.name}. What was changed:\n\n{listed}\n\n"
                  "Open the repaired copy to work on it?"),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close)
        if answer == QMessageBox.StandardButton.Open:
            self.w.open_project(out)

    def check_project(self) -> None:
        if self.w.session is None:
            return
        from workbench.store.check import check

        self.w.jobs.start(self.w.session, "Checking the project…", check, self._checked,
                          lambda error: self.w.notifier.problem(error, "Check project"))

    def _checked(self, report) -> None:  # report: store.check.CheckReport
        if report.cancelled:
            self.w.show_message("Check cancelled; the project was not changed.")
            return
        facts = "\n".join(f"{k}: {v}" for k, v in report.facts.items())
        if report.ok:
            QMessageBox.information(self.w.dialog_parent(), "Check project", f"No problems found.\n\n{facts}")
        else:
            box = QMessageBox(QMessageBox.Icon.Warning, "Check project",
                              f"{len(report.problems)} problem(s) found.", QMessageBox.StandardButton.Ok, self.w.dialog_parent())
            box.setInformativeText(plain("\n".join(report.problems[:10])))
            box.setDetailedText("\n".join(report.lines()))
            box.exec()

    # -- exporting ---------------------------------------------------------------------

    def export_brief(self) -> None:
        """Read what the Export brief dialog starts from on a worker; open it when that arrives
        (asked again meanwhile: still one dialog)."""
        session = self.w.session
        waiting = self._export_read is not None and not self._export_read.finished
        if session is None or waiting or self._export_open:
            return
        from workbench.ui.export_dialog import read_start

        def failed(error: ProjectError) -> None:
            if self.w.session is session:
                self.w.notifier.problem(error, "Export brief")

        self._export_read = session.io.read(lambda project, _p: read_start(project),
                                            lambda start: self._open_export(session, start), failed, owner=self)

    def _open_export(self, session, start) -> None:
        from workbench.ui.export_dialog import ExportDialog

        if self.w.session is not session:
            return  # another project since
        self._export_open = True
        try:
            dialog = ExportDialog(session, self.w.dialog_parent(), author=self.w.settings.display_name(),
                                  start=start)
            dialog.exec()
            dialog.deleteLater()  # its workers were waited for when it closed
        finally:
            self._export_open = False

    def export_csv(self) -> None:
        if self.w.session is None:
            return
        session = self.w.session
        project = session.project
        name, _ = QFileDialog.getSaveFileName(self.w.dialog_parent(), "Export matrix as CSV",
                                              str(project.path.with_name(f"{project.path.stem} matrix.csv")),
                                              "CSV files (*.csv)")
        if not name:
            return
        from workbench.brief.matrix_csv import matrix_csv

        target = Path(name)

        def work(connection, _progress) -> Path:
            try:
                matrix_csv(connection, target)
            except OSError as e:
                raise ProjectError(f"The file could not be written: {e.strerror or e}.") from e
            return target

        # A read on the I/O service: it runs after the edits queued so far, typed text included.
        self.last_csv = session.io.job(work, lambda out: self.w.show_message(f"Matrix saved as {out.name}"),
                                       lambda error: self.w.notifier.problem(error, "Export matrix"))

    # -- leaving -----------------------------------------------------------------------

    def quit(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.isWindow() and widget.isVisible():
                widget.close()
        QApplication.quit()

