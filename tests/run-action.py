"""Runs the composite action of action.yml as a GitHub runner would, for
tests/action.sh: each `run` step in bash, with its `env` and its `run` text
after `${{ inputs.NAME }}` (the value given, else the input's default) and
`${{ github.action_path }}` are put in, and GITHUB_ACTION_PATH set. Checks
that every input and output the action names exists.

usage: run-action.py ACTION_DIR [NAME=VALUE ...]   (needs PyYAML)
Exits with the status of the first step that fails, else 0.
"""

import os
import re
import subprocess
import sys

import yaml

EXPR = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


def main():
    action_dir = os.path.abspath(sys.argv[1])
    given = dict(arg.split("=", 1) for arg in sys.argv[2:])
    with open(os.path.join(action_dir, "action.yml"), encoding="utf-8") as f:
        action = yaml.safe_load(f)
    inputs = action["inputs"]
    unknown = set(given) - set(inputs)
    assert not unknown, f"no such inputs: {sorted(unknown)}"
    assert action["runs"]["using"] == "composite", action["runs"]
    steps = action["runs"]["steps"]
    step_ids = {step.get("id") for step in steps}
    for name, output in action.get("outputs", {}).items():
        m = EXPR.fullmatch(output["value"])
        assert m, f"output {name}: {output['value']}"
        _, step, _, key = m.group(1).split(".")
        assert step in step_ids, f"output {name} names no step: {step}"

    def expand(text):
        def value(m):
            expr = m.group(1)
            if expr == "github.action_path":
                return action_dir
            kind, _, name = expr.partition(".")
            assert kind == "inputs" and name in inputs, f"unknown expression: {expr}"
            return given.get(name, str(inputs[name].get("default", "")))

        return EXPR.sub(value, str(text))

    for step in steps:
        assert step.get("shell") == "bash", step
        env = dict(os.environ, GITHUB_ACTION_PATH=action_dir)
        env.update({k: expand(v) for k, v in step.get("env", {}).items()})
        status = subprocess.run(["bash", "-e", "-c", expand(step["run"])], env=env).returncode
        if status:
            sys.exit(status)


if __name__ == "__main__":
    main()
