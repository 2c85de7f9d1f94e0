"""What the Python tests share: with the C ones (tests/lk-test-wait.h), the
tenant's day and the one factor every time limit is scaled by; a sandbox
tenant to run; the environment latchkey-cli runs in; TAP results.
"""
import os
import subprocess
import sys

# The tenant's day in every test: the sandbox's data is dated from it.
NOW = "2026-06-15T09:30:00Z"


def time_factor():
    """LK_TEST_TIME_FACTOR, else the build's default (raised for sanitizer builds)."""
    for name in ("LK_TEST_TIME_FACTOR", "LK_TEST_DEFAULT_TIME_FACTOR"):
        try:
            factor = float(os.environ.get(name, ""))
        except ValueError:
            continue
        if 1 <= factor <= 100:
            return factor
    return 1.0


def scaled(seconds):
    """@seconds on a quiet, plain build; this machine's equivalent."""
    return seconds * time_factor()


def cli_env(**overrides):
    """The environment a CLI test runs latchkey-cli in: no tenant from SAIL_*."""
    env = dict(os.environ, **overrides)
    for name in ("SAIL_BASE_URL", "SAIL_CLIENT_ID", "SAIL_CLIENT_SECRET"):
        env.pop(name, None)
    return env


class Sandbox:
    """latchkey-sandbox on a free port, living on NOW, with @options; .info
    holds what it printed when ready (its URL, client, source and user)."""

    def __init__(self, path, *options):
        self.process = subprocess.Popen([path, "--port", "0", "--now", NOW, *options], stdout=subprocess.PIPE,
                                        text=True)
        self.info = {}
        while len(self.info) < 5:
            line = self.process.stdout.readline()
            if not line:
                raise SystemExit("latchkey-sandbox exited before it was ready")
            key, _, value = line.rstrip("\n").partition("=")
            self.info[key] = value
        self.url = self.info["LATCHKEY_SANDBOX_URL"]
        self.client_id = self.info["LATCHKEY_SANDBOX_CLIENT_ID"]
        self.secret = self.info["LATCHKEY_SANDBOX_CLIENT_SECRET"]
        self.source = self.info["LATCHKEY_SANDBOX_SOURCE"]
        self.user = self.info["LATCHKEY_SANDBOX_USER"]

    def env(self, base):
        """@base, with this tenant's administrator in SAIL_CLIENT_ID and SAIL_CLIENT_SECRET."""
        return dict(base, SAIL_CLIENT_ID=self.client_id, SAIL_CLIENT_SECRET=self.secret)

    def stop(self):
        """SIGTERM, then its exit status; what it printed after starting is in .output."""
        self.process.terminate()
        self.output, _ = self.process.communicate(timeout=scaled(30))
        return self.process.returncode

    def requests(self):
        """Stops it; what it received, with --log-requests: "METHOD PATH …" each."""
        self.stop()
        return [line[len("REQUEST "):] for line in self.output.splitlines() if line.startswith("REQUEST ")]


class Results:
    """TAP: one check a line, printed at the end; the exit status says if all passed."""

    def __init__(self):
        self.checks = []

    def check(self, name, ok, detail=""):
        self.checks.append((name, bool(ok), detail))

    def report(self):
        print(f"1..{len(self.checks)}")
        for number, (name, ok, detail) in enumerate(self.checks, 1):
            print(f"{'ok' if ok else 'not ok'} {number} - {name}")
            if not ok:
                print(f"# {detail}")
        sys.exit(0 if all(ok for _, ok, _ in self.checks) else 1)
