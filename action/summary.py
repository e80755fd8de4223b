"""The job summary of action/run.sh: a Markdown table of findings per rule.

usage: summary.py STATISTICS_JSON EXIT_CODE PATHS

STATISTICS_JSON is the output of `mdlinks check --statistics --output-format
json` (an array of `rule`, `count`, `fixable`). Appends the summary to
$GITHUB_STEP_SUMMARY (if set) and prints the number of findings.
"""

import json
import os
import sys


def summary(stats, exit_code, paths):
    lines = [f"### mdlinks: `{paths}`", ""]
    total = sum(row["count"] for row in stats)
    fixable = sum(row["fixable"] for row in stats)
    if exit_code == 2:
        lines.append(
            "mdlinks stopped with an error (exit 2): a usage error, or a file "
            "it could not read; the step's log says which."
        )
        lines.append("")
    if total == 0:
        if exit_code != 2:
            lines.append("No findings.")
    else:
        lines += ["| Rule | Findings | Fixable |", "|---|---:|---:|"]
        for row in sorted(stats, key=lambda r: (-r["count"], r["rule"])):
            rule = row["rule"]
            lines.append(f"| `{rule}` | {row['count']} | {row['fixable']} |")
        lines.append(f"| **Total** | **{total}** | **{fixable}** |")
        lines.append("")
        lines.append(
            "`mdlinks fix` applies the safe fixes; `mdlinks explain RULE` "
            "says what a rule wants."
        )
    return "\n".join(lines) + "\n", total


def main():
    stats_path, exit_code, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    try:
        with open(stats_path, encoding="utf-8") as f:
            stats = json.load(f)
    except (OSError, ValueError):
        stats = []  # nothing printed: mdlinks failed before counting
    text, total = summary(stats, exit_code, paths)
    out = os.environ.get("GITHUB_STEP_SUMMARY")
    if out:
        with open(out, "a", encoding="utf-8") as f:
            f.write(text)
    print(total)


if __name__ == "__main__":
    main()
