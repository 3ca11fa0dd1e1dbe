#!/usr/bin/env python3
"""Render charts with Helm v4's own engine (PyPI package helm-python-sdk), for
differential tests. One process runs a batch of jobs.

stdin: JSON {"jobs": [JOB, ...]} where JOB is
  {"chart": "c",                      # chart name (default "c")
   "templates": {"t.yaml": "..."},    # files under templates/
   "files": {"files/x.txt": "..."},   # other chart files (optional)
   "chartYaml": "...",                # Chart.yaml text (optional; default apiVersion v2, version 0.1.0)
   "values": {...},                   # user values, like -f (numbers are float64)
   "valuesYaml": "...",               # the chart's values.yaml (optional)
   "name": "r", "namespace": "ns",
   "mode": "render" | "template"}    # render: each template's raw output;
                                      # template: `helm template` text
stdout: JSON {"results": [RESULT, ...]}, RESULT one of
  {"ok": true, "files": {"c/templates/t.yaml": "..."}}     (mode render)
  {"ok": true, "manifest": "..."}                          (mode template)
  {"ok": false, "error": "...", "type": "HelmRenderError"}
Exit status 3 when helm-python-sdk is not installed (tests then say they skip).
"""
import json
import os
import sys
import tempfile

try:
    import helm_python
except ImportError:
    sys.stderr.write("helm-python-sdk is not installed (pip install helm-python-sdk)\n")
    sys.exit(3)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def run(job, root):
    chart = job.get("chart", "c")
    d = os.path.join(root, chart)
    write(os.path.join(d, "Chart.yaml"),
          job.get("chartYaml", "apiVersion: v2\nname: %s\nversion: 0.1.0\n" % chart))
    if "valuesYaml" in job:
        write(os.path.join(d, "values.yaml"), job["valuesYaml"])
    for rel, text in job.get("templates", {}).items():
        write(os.path.join(d, "templates", rel), text)
    for rel, text in job.get("files", {}).items():
        write(os.path.join(d, rel), text)
    values = job.get("values", {})
    name = job.get("name", "r")
    namespace = job.get("namespace", "ns")
    try:
        if job.get("mode", "render") == "template":
            cfg = helm_python.Config(namespace=namespace, storage_driver="memory")
            rel = cfg.install(d, name, values, dry_run="client", namespace=namespace)
            return {"ok": True, "manifest": rel["manifest"].strip() + "\n"}
        files = helm_python.Chart.load(d).render(values, name=name, namespace=namespace)
        return {"ok": True, "files": files}
    except helm_python.HelmError as e:
        return {"ok": False, "error": str(e), "type": type(e).__name__}


def main():
    request = json.load(sys.stdin)
    results = []
    for job in request["jobs"]:
        with tempfile.TemporaryDirectory(prefix="helm-oracle-") as root:
            results.append(run(job, root))
    json.dump({"results": results}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
