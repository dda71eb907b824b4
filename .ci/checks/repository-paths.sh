#!/usr/bin/env bash
# Nothing in the build or the scripts may reach outside the repository: users clone it alone.
# Fails when a *.csproj, *.props, *.targets, *.sln or script names a path that resolves above the
# repository root (one parent folder too many, or one from the RepoRoot property) or an absolute
# path beside the checkout.
# It first proves on scratch files that it catches such a reference.
set -uo pipefail
cd "$(dirname "$0")/../.."
python3 - "$(pwd)" <<'PY'
import os, re, sys, tempfile

root = os.path.realpath(sys.argv[1])
BUILD = (".csproj", ".props", ".targets", ".sln", ".sh", ".py", ".ps1")
SKIP = {".git", "bin", "obj", "BenchmarkDotNet.Artifacts", "TestResults", "node_modules"}
TOKEN = re.compile(r"""[^\s"'<>=;,|`()]+""")

def is_script(path):
    if path.endswith(BUILD):
        return True
    try:
        with open(path, "rb") as f:
            return f.read(2) == b"#!"
    except OSError:
        return False

def inside(target):
    resolved = os.path.normpath(target)
    return resolved == root or resolved.startswith(root + os.sep)

def problems_in(path):
    folder = os.path.dirname(path)
    outside = os.path.dirname(root)
    # Folders the build and scripts name by property or by the script's own location.
    known = [
        (re.compile(r"\$\(dirname \"?\$(?:0|\{BASH_SOURCE\[0\]\})\"?\)"), folder),
        (re.compile(r"\$\(RepoRoot\)"), root + "/"),
        (re.compile(r"\$\(MSBuildThisFileDirectory\)"), folder + "/"),
        (re.compile(r"\$\(MSBuildProjectDirectory\)"), folder),
    ]
    for number, written in enumerate(open(path, encoding="utf-8", errors="replace").read().splitlines(), 1):
        line = written
        if line.lstrip().startswith("#") and not path.endswith((".csproj", ".props", ".targets", ".sln")):
            continue  # a comment in a script reads nothing
        for pattern, value in known:
            line = pattern.sub(lambda _: value, line)
        for token in TOKEN.findall(line):
            where = f"{os.path.relpath(path, root)}:{number} ({written.strip()})"
            if ".." in re.split(r"[/\\]", token) and not token.startswith(("$", "%")):
                token = token.replace("\\", "/")
                candidates = [token] if token.startswith("/") else [os.path.join(folder, token), os.path.join(root, token)]
                # Scripts here cd to the root first: a path is fine when it stays inside from its
                # own folder or from the root, whichever the script means.
                if not any(inside(c) for c in candidates):
                    yield f"{where}: '{token}' resolves above the repository root"
            elif token.startswith(outside + "/") and not inside(token):
                yield f"{where}: '{token}' is an absolute path beside the checkout"

def scan(top):
    found = []
    for folder, dirs, files in os.walk(top):
        dirs[:] = [d for d in dirs if d not in SKIP]
        for name in files:
            path = os.path.join(folder, name)
            if is_script(path):
                found.extend(problems_in(path))
    return found

def self_test():
    global root
    # The check must catch what once broke every clone, and pass what the scripts here do.
    up = ".."
    with tempfile.TemporaryDirectory() as scratch:
        os.makedirs(os.path.join(scratch, ".ci", "checks"))
        bad = os.path.join(scratch, "tests", "bad.csproj")
        good = os.path.join(scratch, ".ci", "checks", "good.sh")
        os.makedirs(os.path.dirname(bad))
        open(bad, "w").write(f'<None Include="$(RepoRoot){up}/shared/fixtures/*.json" />\n<None Include="{up}/{up}/{up}/x.json" />\n')
        open(good, "w").write(f'cd "$(dirname "$0")/{up}/{up}"\nsource .ci/lib/x.sh\n<None Include="{up}/src/a.cs" />\n')
        saved, root = root, os.path.realpath(scratch)
        bad_found = list(problems_in(os.path.realpath(bad)))
        good_found = list(problems_in(os.path.realpath(good)))
        root = saved
    assert len(bad_found) == 2, bad_found
    assert good_found == [], good_found
    print("self-test: a reference above the root is caught, the scripts' own forms pass")

self_test()
found = scan(root)
for problem in found:
    print("FAIL:", problem)
if found:
    print(f"{len(found)} reference(s) outside the repository: users clone it alone; move the file into the repository.")
    sys.exit(1)
print("no build file or script refers to a path outside the repository")
PY
