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

from skinlab.course import kernels, launch

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
    with pytest.raises(ValueError, match="from 1 to 65535"):
        launch.present_command(70000)


@pytest.mark.parametrize("host", ["", "localhost ", "0.0.0.0; rm", "300.1.1.1", "::1"])
def test_a_host_that_is_not_an_ipv4_address_is_refused(host):
    with pytest.raises(ValueError, match=r"IPv4 address such as 127\.0\.0\.1"):
        launch.present_command(9999, host=host)
    with pytest.raises(ValueError, match="IPv4 address"):
        launch.port_is_free(9999, host)


def test_present_command_bounds_the_kernels():
    cmd = launch.present_command(9999, max_kernels=7, idle_minutes=5, open_browser=False)
    assert ("--VoilaConfiguration.multi_kernel_manager_class="
            "skinlab.course.kernels.BoundedKernelManager") in cmd
    assert "--BoundedKernelManager.max_kernels=7" in cmd
    assert "--BoundedKernelManager.cull_idle_timeout=300" in cmd
    default = launch.present_command(9999, open_browser=False)
    assert f"--BoundedKernelManager.max_kernels={kernels.default_max_kernels()}" in default
    with pytest.raises(ValueError, match="max_kernels must be a whole number from 1 to 500"):
        launch.present_command(9999, max_kernels=0)


def test_an_exported_host_variable_cannot_share_the_lecture(monkeypatch):
    # Finding 5: HOST=0.0.0.0 left in a shell used to share the lecture silently.
    monkeypatch.setenv("HOST", "0.0.0.0")
    assert launch.parse_args(["present"]).share is False
    assert launch.parse_args(["present", "--share"]).share is True
    with pytest.raises(SystemExit):
        launch.parse_args(["present", "--host", "0.0.0.0"])


def test_make_present_shares_only_with_share_1():
    def recipe(*args, env=None):
        out = subprocess.run(["make", "-n", "present", *args], cwd=ROOT, capture_output=True,
                             text=True, env=env or dict(os.environ), check=True).stdout
        return next(line.strip() for line in out.splitlines() if "course.launch" in line)

    assert recipe("SHARE=1").endswith("present --share")
    assert recipe().endswith("present")
    assert recipe(env=dict(os.environ, HOST="0.0.0.0")).endswith("present")
    assert recipe("SHARE=0").endswith("present")


def test_the_shared_banner_gives_addresses_students_can_use():
    shared = launch.present_banner(8000, True, ["192.168.1.20"])
    assert "http://192.168.1.20:8000/voila/render/00-start-here.ipynb" in shared
    assert "0.0.0.0" not in shared
    alone = launch.present_banner(8000, False)
    assert "SHARE=1" in alone and "192.168" not in alone
    assert "no network address" in launch.present_banner(8000, True, [])
    for address in launch.lan_addresses():
        assert not address.startswith("127.") and address != "0.0.0.0"


def test_lecture_mode_offers_the_course_notebooks_only(tmp_path):
    # Finding 6: a scratch notebook saved in notebooks/ ran for any visitor.
    source = tmp_path / "notebooks"
    source.mkdir()
    for name in (*launch.COURSE_NOTEBOOKS, "Untitled.ipynb"):
        (source / name).write_text("{}")
    dest = launch.stage_notebooks(tmp_path / "lecture", source)
    assert sorted(p.name for p in dest.iterdir()) == sorted(launch.COURSE_NOTEBOOKS)
    (source / "Untitled.ipynb").unlink()
    (dest / "stale.ipynb").write_text("{}")
    assert "stale.ipynb" not in {p.name for p in launch.stage_notebooks(dest, source).iterdir()}
    with pytest.raises(ValueError, match="folder of its own"):
        launch.stage_notebooks(source, source)
    with pytest.raises(ValueError, match="folder of its own"):
        launch.stage_notebooks(tmp_path, source)
    (source / launch.COURSE_NOTEBOOKS[1]).unlink()
    with pytest.raises(ValueError, match="missing"):
        launch.stage_notebooks(tmp_path / "other", source)


def test_the_course_list_is_every_committed_notebook():
    tracked = subprocess.run(["git", "ls-files", "notebooks/*.ipynb"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.split()
    assert sorted(Path(p).name for p in tracked) == sorted(launch.COURSE_NOTEBOOKS)


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
    with pytest.raises(ValueError, match="from 1 to 65535"):
        launch.lab_command(0)


def _get(url: str, *, body: bool = False) -> tuple[int, bytes]:
    """GET ``url``: its status and body (an error's body only when ``body``)."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read() if body else b""


@contextlib.contextmanager
def _launcher(what: str, env: dict[str, str], until: str, *args: str):
    """Run ``python -m skinlab.course.launch WHAT --no-browser ARGS`` until its banner shows
    ``until``; yield the banner and the process, then stop the whole process group."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "skinlab.course.launch", what, "--no-browser", *args],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )
    try:
        banner = ""
        while until not in banner:
            line = proc.stdout.readline()
            assert line, f"launcher exited early: {banner}"
            banner += line
        yield banner, proc
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
    with _launcher("lab", env, "token=") as (banner, _proc):
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


def _kernels_of(pid: int) -> list[int]:
    """The lecture kernels started by the server ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if (entry.name.isdigit()
                    and b"skinlab.course.kernel" in (entry / "cmdline").read_bytes()
                    and int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_present_serves_the_course_with_a_bounded_capped_kernel(tmp_path):
    port = launch.free_port(18990)
    env = dict(os.environ, PORT=str(port), JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"), HOST="0.0.0.0")
    scratch = launch.NOTEBOOK_DIR / "Untitled-lecture-test.ipynb"
    scratch.write_text((launch.NOTEBOOK_DIR / launch.START_PAGE).read_text())
    try:
        with _launcher("present", env, "Not shared", "--max-kernels", "1") as (banner, proc):
            url = re.search(r"(http://127\.0\.0\.1:(\d+)/voila/render/\S+)", banner)
            assert url and int(url.group(2)) == port, banner
            status, body = _get_when_up(url.group(1))
            assert status == 200, "Voilà did not render the start page"
            page = body.decode()
            assert "start here" in page.lower()
            assert "from skinlab" not in page  # code is stripped in lecture mode
            # Finding 5: an exported HOST no longer shares; the server is on loopback only.
            listening = Path("/proc/net/tcp").read_text()
            assert f"0100007F:{port:04X} 00000000:0000 0A" in listening
            assert f"00000000:{port:04X} 00000000:0000 0A" not in listening
            # Finding 6: a scratch notebook in notebooks/ is not offered.
            assert _get(f"http://127.0.0.1:{port}/voila/render/{scratch.name}")[0] == 404
            # Finding 1: the one place is taken, so the next page is the clear 'full' page,
            # and the kernel that holds it has the memory ceiling.
            status, body = _get(url.group(1), body=True)
            assert status == 503 and "The lecture is full" in body.decode()
            running = _kernels_of(proc.pid)
            assert len(running) == 1
            limits = Path(f"/proc/{running[0]}/limits").read_text()
            ceiling = kernels.DEFAULT_KERNEL_MEMORY_MB * 2**20
            assert re.search(rf"Max data size\s+{ceiling}\s", limits), limits
    finally:
        scratch.unlink()


def test_lecture_mode_uses_the_course_template_which_underlines_links():
    cmd = launch.present_command(9999, open_browser=False)
    assert f"--VoilaConfiguration.template={launch.VOILA_TEMPLATE}" in cmd
    env = launch.present_environment({"PATH": os.environ["PATH"], "JUPYTER_PATH": "/elsewhere"})
    assert env["JUPYTER_PATH"].split(os.pathsep) == [str(launch.JUPYTER_DATA), "/elsewhere"]
    template = launch.JUPYTER_DATA / "voila" / "templates" / launch.VOILA_TEMPLATE
    assert json.loads((template / "conf.json").read_text())["base_template"] == "lab"
    page = (template / "index.html.j2").read_text()
    assert "text-decoration: underline" in page and "https://" not in page
