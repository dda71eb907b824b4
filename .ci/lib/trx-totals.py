# Sums the counters of every .trx file in a folder and prints "passed failed skipped": failed
# includes errors, timeouts and aborted runs. Used by .ci/run and by checks that run a suite again.
import glob, sys, xml.etree.ElementTree as ET

passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find(".//{*}ResultSummary/{*}Counters")
    passed += int(c.get("passed", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
print(passed, failed, skipped)
