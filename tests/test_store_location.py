"""Risky places for an open project file: sync folders and network shares."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.store import location


@pytest.mark.parametrize(("folder", "service"), [
    ("Dropbox", "Dropbox"),
    ("Dropbox (Ministry)", "Dropbox"),
    ("OneDrive - Foreign Office", "OneDrive"),
    ("OneDrive", "OneDrive"),
    ("Google Drive/My Drive", "Google Drive"),
    ("Library/Mobile Documents/com~apple~CloudDocs", "iCloud Drive"),
    ("Nextcloud", "Nextcloud"),
])
def test_sync_folders_are_recognised(tmp_path: Path, folder: str, service: str) -> None:
    path = tmp_path / folder / "work" / "crisis.pbw"
    assert location.sync_service(path) == service
    assert service.split()[0] in location.risk(path) or "cloud" in location.risk(path)


@pytest.mark.parametrize("folder", ["Documents", "dropboxes", "my-onedrive-notes", "boxes"])
def test_ordinary_folders_are_not(tmp_path: Path, folder: str) -> None:
    assert location.sync_service(tmp_path / folder / "p.pbw") == ""


def test_network_mounts_by_file_system(tmp_path: Path) -> None:
    share = tmp_path / "share"
    mounts = [(str(share), "cifs"), (str(tmp_path), "ext4"), ("/", "ext4")]
    assert location.network_share(share / "team" / "p.pbw", mounts)
    assert not location.network_share(tmp_path / "local" / "p.pbw", mounts)
    assert not location.network_share(tmp_path / "shared" / "p.pbw", mounts)  # prefix, not a parent


def test_this_machines_temp_folder_is_not_risky(tmp_path: Path) -> None:
    assert location.risk(tmp_path / "p.pbw") == ""
