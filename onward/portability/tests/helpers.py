import io
import json
import zipfile
from collections.abc import Mapping

from onward.portability.exporting import export_account


def export_bytes(user) -> bytes:
    buffer = io.BytesIO()
    export_account(user, buffer)
    return buffer.getvalue()


def contents(data: bytes) -> dict[str, str]:
    """Every file of an export but the manifest's export time, for comparison."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {name: archive.read(name).decode("utf-8-sig") for name in archive.namelist()}
    manifest = json.loads(files.pop("manifest.json"))
    for key in ("exported_at", "account"):
        manifest.pop(key)
    files["manifest.json"] = json.dumps(manifest, sort_keys=True)
    return files


def build_zip(files: Mapping[str, str | bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def records(data: bytes, name: str) -> list[dict]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        text = archive.read(f"records/{name}.jsonl").decode()
    return [json.loads(line) for line in text.splitlines()]
