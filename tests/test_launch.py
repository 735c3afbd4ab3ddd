"""`make lab` starts JupyterLab on loopback with a token: start it, ask it, stop it."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from skinlab.course import launch

ROOT = Path(__file__).resolve().parents[1]


def test_makefile_lab_target_runs_the_launcher():
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^lab:.*\n\t(.+)$", makefile, re.M)
    assert recipe and recipe.group(1).strip() == "$(PY) -m skinlab.course.launch lab"


def test_makefile_present_and_site_targets():
    makefile = (ROOT / "Makefile").read_text()
    present = re.search(r"^present:.*\n\t(.+)$", makefile, re.M)
    assert present and "-m skinlab.course.launch present" in present.group(1)
    site = re.search(r"^site:.*\n\t(.+)$", makefile, re.M)
    assert site and site.group(1).strip() == "$(PY) -m tools.build_site build/site"


def test_present_command_hides_code_and_binds_loopback_unless_told():
    cmd = launch.present_command(9999, open_browser=False)
    assert cmd[1:3] == ["-m", "voila"]
    assert "--Voila.ip=127.0.0.1" in cmd and "--VoilaConfiguration.strip_sources=True" in cmd
    assert "--Voila.ip=0.0.0.0" in launch.present_command(9999, host="0.0.0.0")
    with pytest.raises(ValueError, match="1 and 65535"):
        launch.present_command(70000)


def test_present_environment_switches_presenter_mode_on_in_a_new_kernel():
    env = launch.present_environment({"PATH": os.environ["PATH"]})
    assert env["SKINLAB_PRESENTER"] == "1"
    probe = "from skinlab.diagrams import style; print(style.presenting(), style.scale())"
    on = subprocess.run([sys.executable, "-c", probe], env=dict(os.environ, **env),
                        capture_output=True, text=True, check=True).stdout.split()
    off_env = {k: v for k, v in os.environ.items() if k != "SKINLAB_PRESENTER"}
    off = subprocess.run([sys.executable, "-c", probe], env=off_env, capture_output=True,
                         text=True, check=True).stdout.split()
    assert on == ["True", "1.5"] and off == ["False", "1.0"]


def test_command_binds_loopback_and_adds_allow_root_only_for_root():
    cmd = launch.lab_command(9999)
    assert "--ServerApp.ip=127.0.0.1" in cmd and "--ServerApp.port=9999" in cmd
    assert ("--allow-root" in cmd) == (os.geteuid() == 0)


def test_empty_token_is_refused():
    with pytest.raises(ValueError, match="token"):
        launch.lab_environment("")


def test_bad_port_is_refused():
    with pytest.raises(ValueError, match="1 and 65535"):
        launch.lab_command(0)


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, b""


@contextlib.contextmanager
def _launcher(what: str, env: dict[str, str], until: str):
    """Run ``python -m skinlab.course.launch WHAT --no-browser`` until its banner shows ``until``;
    yield the banner, then stop the whole process group."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "skinlab.course.launch", what, "--no-browser"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )
    try:
        banner = ""
        while until not in banner:
            line = proc.stdout.readline()
            assert line, f"launcher exited early: {banner}"
            banner += line
        yield banner
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode is not None


def _get_when_up(url: str, timeout_s: float = 90) -> tuple[int, bytes]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            return _get(url)
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
    return 0, b""


def test_lab_serves_api_status_with_token_and_refuses_without(tmp_path):
    port = launch.free_port(18888)
    env = dict(os.environ, PORT=str(port), JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
               JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"))
    env.pop("JUPYTER_TOKEN", None)
    with _launcher("lab", env, "token=") as banner:
        url = re.search(r"http://127\.0\.0\.1:(\d+)/lab/tree/\S+\?token=(\S+)", banner)
        assert url, banner
        assert int(url.group(1)) == port
        token = url.group(2)
        status, body = _get_when_up(f"http://127.0.0.1:{port}/api/status?token={token}")
        assert status == 200, "server did not answer /api/status"
        assert "started" in json.loads(body)
        assert _get(f"http://127.0.0.1:{port}/api/status")[0] == 403
        assert _get(f"http://127.0.0.1:{port}/api/contents/00-start-here.ipynb"
                    f"?token={token}&content=0")[0] == 200


def test_present_serves_the_rendered_start_page(tmp_path):
    port = launch.free_port(18990)
    env = dict(os.environ, PORT=str(port), JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"))
    with _launcher("present", env, "voila/render") as banner:
        url = re.search(r"(http://127\.0\.0\.1:(\d+)/voila/render/\S+)", banner)
        assert url and int(url.group(2)) == port, banner
        status, body = _get_when_up(url.group(1))
        assert status == 200, "Voilà did not render the start page"
        page = body.decode()
        assert "start here" in page.lower()
        assert "from skinlab" not in page  # code is stripped in lecture mode


def test_lecture_mode_uses_the_course_template_which_underlines_links():
    cmd = launch.present_command(9999, open_browser=False)
    assert f"--VoilaConfiguration.template={launch.VOILA_TEMPLATE}" in cmd
    env = launch.present_environment({"PATH": os.environ["PATH"], "JUPYTER_PATH": "/elsewhere"})
    assert env["JUPYTER_PATH"].split(os.pathsep) == [str(launch.JUPYTER_DATA), "/elsewhere"]
    template = launch.JUPYTER_DATA / "voila" / "templates" / launch.VOILA_TEMPLATE
    assert json.loads((template / "conf.json").read_text())["base_template"] == "lab"
    page = (template / "index.html.j2").read_text()
    assert "text-decoration: underline" in page and "https://" not in page
