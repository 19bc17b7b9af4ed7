"""``casekit notebooks`` is an authors' tool of the checkout: outside one it says what it needs."""

from casekit import cli


def test_outside_a_checkout_the_command_says_what_it_needs(tmp_path, monkeypatch, capsys):
    fake = tmp_path / "site-packages" / "casekit" / "cli.py"
    fake.parent.mkdir(parents=True)
    monkeypatch.setattr(cli, "__file__", str(fake))
    assert cli.main(["notebooks"]) == 2
    err = capsys.readouterr().err
    assert "needs a checkout of the project" in err and "tools/notebooks.py" in err


def test_the_tool_is_not_in_the_package():
    import importlib.util

    assert importlib.util.find_spec("casekit.notebooks") is None
