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
    # Onward's own small chart build (tools/charts), within the 400 KB of JavaScript a page
    # may load with the page's own scripts.
    (chart_bundle,) = (tmp_path / "onward" / "vendor").glob("chart-onward.min.*.js")
    assert chart_bundle.stat().st_size < 300_000
    assert not list(tmp_path.rglob("*plotly*"))


def test_source_maps_are_collected_but_not_compressed(settings, tmp_path):
    """Only a browser's developer tools fetch source maps: compressing django-ninja's (5 MB)
    took over half of collectstatic's time in `onward init`."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    # Swagger UI's stylesheet and its map: the big bundles go through the same code.
    ignore = ["onward", "redoc*", "swagger-ui-bundle*"]
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=ignore)
    (stylesheet,) = (tmp_path / "ninja").glob("swagger-ui.*.css")
    (source_map,) = (tmp_path / "ninja").glob("swagger-ui.css.*.map")
    assert stylesheet.with_name(stylesheet.name + ".br").exists()
    assert stylesheet.with_name(stylesheet.name + ".gz").exists()
    assert not list(tmp_path.rglob("*.map.br")) and not list(tmp_path.rglob("*.map.gz"))
    assert source_map.stat().st_size > 100_000
