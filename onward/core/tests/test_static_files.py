"""Static files are collected with a gzip and a brotli copy beside each, so whitenoise serves
them compressed without compressing on every request."""

from django.core.management import call_command


def test_collected_files_have_gzip_and_brotli_copies(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    # Onward's own files only: django-ninja's API docs bundles (source maps of several MB)
    # took most of the ~40 s of CPU that brotli spent here, and go through the same code. The
    # serve test collects every file (ninja's too) through the manifest.
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["ninja"])
    for name in ("onward.css", "onward.js", "charts.js"):
        (hashed,) = [
            p
            for p in (tmp_path / "onward").glob(name.replace(".", ".*."))
            if p.suffix in (".css", ".js")
        ]
        assert hashed.with_name(hashed.name + ".gz").exists()
        assert hashed.with_name(hashed.name + ".br").exists()
    # Only the small chart build is collected, not plotly's 4.8 MB bundle.
    assert not list(tmp_path.rglob("plotly.min.js"))
    (chart_bundle,) = (tmp_path / "onward" / "vendor").glob("plotly-onward.min.*.js")
    assert chart_bundle.stat().st_size < 1_500_000
