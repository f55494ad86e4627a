"""Loads every built page in headless Chromium, with the page's own JavaScript disabled, and
checks that it renders: no console errors, every <math> element and every figure has a
nonzero size, and nothing overflows horizontally at a 390 px wide viewport. Saves
screenshots of the pages named on the command line at desktop and phone widths.

Usage: check_pages.py PAGES_DIR ARTIFACTS_DIR [SCREENSHOT_PAGE ...]
Talks to the Chromium it starts, on a loopback port of its own, through the DevTools
protocol; prints one line per problem and exits 1 when there is any.
"""

import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

WIDTHS = {"desktop": 1280, "phone": 390}

MEASURE = """
(() => {
  const problems = [];
  const describe = (element) => {
    const text = (element.textContent || '').trim().slice(0, 40);
    return element.tagName.toLowerCase() + ' "' + text + '"';
  };
  for (const element of document.querySelectorAll('math, svg.figure')) {
    const box = element.getBoundingClientRect();
    if (box.width <= 0 || box.height <= 0) {
      problems.push('zero-size ' + describe(element));
    }
  }
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    const wide = [];
    // The innermost elements that stick out, skipping those inside a scrolling box.
    for (const element of document.querySelectorAll('main *')) {
      if (wide.length >= 3 || element.getBoundingClientRect().right <= root.clientWidth + 1) continue;
      if (element.closest('pre, .table, .display-math')) continue;
      const child = Array.from(element.children).some((c) => c.getBoundingClientRect().right > root.clientWidth + 1);
      if (!child) wide.push(describe(element));
    }
    problems.push('horizontal overflow: page is ' + root.scrollWidth + ' px wide in a ' + root.clientWidth +
                  ' px viewport, at ' + wide.join(', '));
  }
  return JSON.stringify(problems);
})()
"""


def chromium_binary():
    for name in ("chromium", "chromium-browser", "chromium-headless-shell", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise SystemExit("check_pages: no Chromium found; install Debian's chromium package")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class DevTools:
    """A minimal DevTools protocol client for one page target."""

    def __init__(self, url):
        self.socket = websocket.create_connection(url, timeout=30)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        message_id = self.next_id
        self.socket.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == message_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method, timeout=30):
        deadline = time.time() + timeout
        for index, event in enumerate(self.events):
            if event.get("method") == method:
                del self.events[index]
                return event
        while time.time() < deadline:
            message = json.loads(self.socket.recv())
            if message.get("method") == method:
                return message
            self.events.append(message)
        raise TimeoutError(f"no {method} within {timeout} s")


def start_chromium(port, profile):
    process = subprocess.Popen(
        [chromium_binary(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         f"--remote-debugging-port={port}", "--remote-debugging-address=127.0.0.1",
         f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json") as response:
                targets = json.load(response)
            pages = [target for target in targets if target.get("type") == "page"]
            if pages:
                return process, pages[0]["webSocketDebuggerUrl"]
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("check_pages: Chromium did not start its DevTools endpoint")


def console_errors(events):
    errors = []
    for event in events:
        method = event.get("method")
        params = event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            errors.append("console error: " + " ".join(str(arg.get("value", "")) for arg in params.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            errors.append("exception: " + params.get("exceptionDetails", {}).get("text", ""))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            errors.append("console error: " + params["entry"].get("text", ""))
    return errors


def check(pages_dir, artifacts_dir, screenshot_pages):
    pages = sorted(os.path.join(root, name) for root, _, names in os.walk(pages_dir)
                   for name in names if name.endswith(".html"))
    if not pages:
        raise SystemExit(f"check_pages: no pages in {pages_dir}")
    os.makedirs(artifacts_dir, exist_ok=True)
    problems = []
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        process, url = start_chromium(free_port(), profile)
        try:
            tools = DevTools(url)
            tools.call("Emulation.setScriptExecutionDisabled", value=True)
            for domain in ("Page", "Runtime", "Log"):
                tools.call(f"{domain}.enable")
            for page in pages:
                name = os.path.relpath(page, pages_dir)
                for label, width in WIDTHS.items():
                    tools.call("Emulation.setDeviceMetricsOverride", width=width, height=900,
                               deviceScaleFactor=1, mobile=width < 500)
                    tools.events.clear()
                    tools.call("Page.navigate", url="file://" + os.path.abspath(page))
                    tools.wait_for("Page.loadEventFired")
                    time.sleep(0.2)
                    problems += [f"{name} ({label}): {error}" for error in console_errors(tools.events)]
                    result = tools.call("Runtime.evaluate", expression=MEASURE, returnByValue=True)
                    found = json.loads(result["result"]["value"])
                    # Overflow only matters at phone width; wide formulas scroll inside their box.
                    problems += [f"{name} ({label}): {problem}" for problem in found
                                 if label == "phone" or not problem.startswith("horizontal")]
                    if name in screenshot_pages:
                        metrics = tools.call("Page.getLayoutMetrics")
                        size = metrics["cssContentSize"]
                        shot = tools.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                                          clip={"x": 0, "y": 0, "width": width,
                                                "height": min(size["height"], 16000), "scale": 1})
                        target = os.path.join(artifacts_dir, f"{os.path.splitext(name)[0]}-{label}.png")
                        with open(target, "wb") as file:
                            file.write(base64.b64decode(shot["data"]))
        finally:
            # Chromium runs helper processes; end the whole group it leads.
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    for problem in problems:
        print(problem)
    print(f"check_pages: {len(pages)} pages, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    sys.exit(check(sys.argv[1], sys.argv[2], set(sys.argv[3:])))
