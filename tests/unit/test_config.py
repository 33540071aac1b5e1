"""The user's config file: remaps and theme, with every mistake reported and defaults kept."""

from __future__ import annotations

from workbench.core.settings.config import config_path, load_config


def test_path_follows_env_then_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert config_path() == tmp_path / "ai-capex-workbench" / "config.toml"
    monkeypatch.setenv("WORKBENCH_CONFIG", str(tmp_path / "mine.toml"))
    assert config_path() == tmp_path / "mine.toml"


def test_missing_file_means_defaults(tmp_path):
    config = load_config(tmp_path / "none.toml")
    assert (config.theme, config.keymap, config.problems) == ("default", {}, [])


def test_valid_config_is_read(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('theme = "red-up"\n[keymap]\n"app.capex" = "f1, c"\n')
    config = load_config(path, known_ids={"app.capex"})
    assert config.theme == "red-up" and config.keymap == {"app.capex": "f1,c"} and config.problems == []


def test_bad_entries_are_reported_with_their_line_and_ignored(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('theme = "neon"\n\n[keymap]\n"app.capex" = 5\n"no.such" = "x"\n"app.quotes" = "f2"\n')
    config = load_config(path, known_ids={"app.capex", "app.quotes"})
    assert config.theme == "default" and config.keymap == {"app.quotes": "f2"}
    assert [(p.line, p.message.split(" ")[0]) for p in config.problems] == [
        (1, "unknown"),
        (4, "keymap:"),
        (5, "keymap:"),
    ]


def test_syntax_errors_fall_back_to_defaults(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("theme = \n")
    config = load_config(path)
    assert config.theme == "default" and config.problems[0].message.startswith("TOML syntax error")


def test_the_consequence_says_what_was_ignored_and_what_applies(tmp_path):
    from workbench.core.settings.config import consequence

    path = tmp_path / "config.toml"
    path.write_text('theme = "neon"\n[keymap]\n"app.quotes" = "f2"\n', encoding="utf-8")
    config = load_config(path)
    assert not config.whole_file_ignored and config.keymap == {"app.quotes": "f2"}
    assert "Only this entry was ignored; the rest" in consequence(config.whole_file_ignored)
    path.write_text("theme = [\n", encoding="utf-8")
    config = load_config(path)
    assert config.whole_file_ignored
    assert "whole config file was ignored" in consequence(config.whole_file_ignored)
