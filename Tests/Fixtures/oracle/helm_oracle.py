#!/usr/bin/env python3
"""Helm v4's own engine (PyPI helm-python-sdk) as a test oracle for kubectl-mesh.

Modes:
  helm_oracle.py check
      exit 0 when helm_python can be imported, 3 otherwise (tests skip then).
  helm_oracle.py template CHART_DIR NAME NAMESPACE [VALUES_JSON_FILE]
      prints exactly what `helm template NAME CHART_DIR -n NAMESPACE` prints
      before its hooks (the library reports no hook documents), with values
      travelling as JSON (numbers are float64, like -f). On a render error: the
      error text on stderr, exit 1.
  helm_oracle.py batch  < cases.json
      cases.json is a list of {"templates": {"t.yaml": TEXT, ...},
      "values": {...}, "files": {"files/x": TEXT, ...}, "chart": CHART_YAML_TEXT?}.
      Each case becomes a chart named "c" in a temp dir and is rendered with
      Chart.render (raw output per template file, NOTES and partials included as
      Helm returns them). Prints a JSON list of {"output": {name: text}} or
      {"error": text}, one per case, in order.
  helm_oracle.py templates  < runs.json
      runs.json is a list of {"chart": CHART_DIR, "name": NAME, "namespace": NS,
      "values": {...}}; each is the `template` mode above, all in one process.
      Prints a JSON list of {"manifest": TEXT} or {"error": TEXT}, in order.
  helm_oracle.py strvals  < expressions.json
      expressions.json is a list of {"mode": "set"|"string"|"json"|"literal"|"file",
      "expression": TEXT}; each is parsed by Helm's strvals (--set, --set-string,
      --set-json, --set-literal, --set-file). Prints a JSON list of {"json": TEXT}
      (Go's json.Marshal of the result: keys sorted) or {"error": text}.
"""
import json
import os
import shutil
import sys
import tempfile

EXIT_MISSING = 3


def load_helm():
    try:
        import helm_python  # noqa: F401
    except ImportError:
        sys.stderr.write("helm-python-sdk is not installed (pip install helm-python-sdk)\n")
        sys.exit(EXIT_MISSING)
    import helm_python
    helm_python.disable_logging()
    return helm_python


def write_chart(root, case):
    chart = os.path.join(root, "c")
    os.makedirs(os.path.join(chart, "templates"))
    chart_yaml = case.get("chart", "apiVersion: v2\nname: c\nversion: 0.1.0\n")
    with open(os.path.join(chart, "Chart.yaml"), "w") as f:
        f.write(chart_yaml)
    for name, text in case.get("templates", {}).items():
        path = os.path.join(chart, "templates", name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    for name, text in case.get("files", {}).items():
        path = os.path.join(chart, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    return chart


def batch(helm):
    cases = json.load(sys.stdin)
    results = []
    for case in cases:
        root = tempfile.mkdtemp(prefix="helm-oracle-")
        try:
            chart = helm.Chart.load(write_chart(root, case))
            output = chart.render(case.get("values", {}), name=case.get("name", "r"),
                                  namespace=case.get("namespace", "ns"))
            results.append({"output": output})
        except Exception as error:  # the engine's message is the point of the test
            results.append({"error": str(error)})
        finally:
            shutil.rmtree(root)
    json.dump(results, sys.stdout)


STRVALS = {
    "set": "helm_strvals_parse",
    "string": "helm_strvals_parse_string",
    "json": "helm_strvals_parse_json",
    "literal": "helm_strvals_parse_literal",
    "file": "helm_strvals_parse_file",
}


def strvals(helm):
    from helm_python import _native
    results = []
    for item in json.load(sys.stdin):
        try:
            results.append({"json": _native.call_string(STRVALS[item["mode"]], item["expression"])})
        except Exception as error:  # the parser's message is the point of the test
            results.append({"error": str(error)})
    json.dump(results, sys.stdout)


def templates(helm):
    results = []
    configs = {}
    for run in json.load(sys.stdin):
        namespace = run.get("namespace", "default")
        config = configs.get(namespace)
        if config is None:
            config = configs[namespace] = helm.Config(namespace=namespace, storage_driver="memory")
        try:
            release = config.install(run["chart"], run.get("name", "r"), run.get("values", {}), dry_run="client",
                                     namespace=namespace)
            results.append({"manifest": release.get("manifest", "").strip() + "\n"})
        except Exception as error:  # the engine's message is the point of the test
            results.append({"error": str(error)})
    json.dump(results, sys.stdout)


def template(helm, chart_dir, name, namespace, values_file):
    values = {}
    if values_file:
        with open(values_file) as f:
            values = json.load(f)
    config = helm.Config(namespace=namespace, storage_driver="memory")
    try:
        release = config.install(chart_dir, name, values, dry_run="client", namespace=namespace)
    except Exception as error:
        sys.stderr.write(str(error) + "\n")
        sys.exit(1)
    sys.stdout.write(release.get("manifest", "").strip() + "\n")


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    helm = load_helm()
    if argv[1] == "check":
        return 0
    if argv[1] == "batch":
        batch(helm)
        return 0
    if argv[1] == "templates":
        templates(helm)
        return 0
    if argv[1] == "strvals":
        strvals(helm)
        return 0
    if argv[1] == "template" and len(argv) in (5, 6):
        template(helm, argv[2], argv[3], argv[4], argv[5] if len(argv) == 6 else None)
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
