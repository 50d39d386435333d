"""Counts test outcomes in every .trx under a folder and prints the CI's final line.

Outcomes are read per test result (UnitTestResult/@outcome): the summary counters leave skipped xunit tests out.
A run that produced no results at all counts as a failure, so a broken test host can never look green."""
import glob
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
passed = failed = skipped = 0
files = glob.glob(f"{sys.argv[1]}/**/*.trx", recursive=True)
for path in files:
    results = ET.parse(path).getroot().iter(f"{NS}UnitTestResult")
    for result in results:
        outcome = result.get("outcome", "")
        if outcome == "Passed":
            passed += 1
        elif outcome in ("NotExecuted", "Inconclusive"):
            skipped += 1
        else:
            failed += 1
if not files:
    failed += 1
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(0 if failed == 0 and passed > 0 else 1)
