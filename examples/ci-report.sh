#!/usr/bin/env bash
# Regenerate the quarterly report and fail when the committed one is out of date.
# Settings live in rehab-stats.config.json next to this script's working directory.
set -euo pipefail
npx rehab-stats check data/behandlingar.csv            # exit 6: the export has problems
npx rehab-stats report --check || {                     # exit 7: the report is out of date
  npx rehab-stats report
  git diff --stat -- report/
  exit 7
}
