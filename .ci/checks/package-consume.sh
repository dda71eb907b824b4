#!/usr/bin/env bash
# Pack-and-consume: packs Clarify.Typed, Clarify.Typed.Emulator, Clarify.Typed.Sqlite and Clarify.Typed.Redis
# into a local folder feed,
# checks what the packages hold (generator in analyzers/dotnet/cs, buildTransitive files, no
# generator dependency leaking, Refit flowing with its analyzers), then builds fresh consumer
# projects outside the repository that reference only the packages, with a NuGet cache of their
# own:
#   good:    the conventional clarify-credentials.json (not listed in the csproj) builds, and a
#            program using the generated class, AddClarify, ClarifyClient and its own Refit
#            interface (AddApi, one shared token) runs against the emulator package;
#   broken:  a broken file fails the build with CLARIFYnnn at clarify-credentials.json(line,col);
#   none:    no file builds and generates nothing; a good file with
#            ClarifyIncludeCredentialsFile=false generates nothing either;
#   transitive: an app referencing Clarify.Typed only through its own library still gets
#            the generator and the conventional file (buildTransitive);
#   redis:   an app with Clarify.Typed.Redis (UseDistributedTokenCache, UseSharedPace) builds, and
#            runs against the emulator with Redis unreachable: every call still succeeds.
#   sqlite:  an app with Clarify.Typed.Sqlite writes through a writer with UseSqlite to the
#            emulator package, flushes, and leaves nothing pending in its file (the native SQLite
#            comes with the package; Clarify.Typed itself carries none).
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
work=$(mktemp -d)
trap '[ -n "${KEEP_WORK:-}" ] || rm -rf "$work"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }
source .ci/lib/broken-credentials.sh
feed="$work/feed"
consumers="$work/consumers"
started=$SECONDS

echo "== packing Clarify.Typed, Clarify.Typed.Emulator, Clarify.Typed.Sqlite and Clarify.Typed.Redis into $feed"
version=$(dotnet msbuild src/Clarify.Typed/Clarify.Typed.csproj -getProperty:Version -nologo)
for project in src/Clarify.Typed src/Clarify.Typed.Emulator src/Clarify.Typed.Sqlite src/Clarify.Typed.Redis; do
  if ! dotnet pack "$project" -c Release -o "$feed" -nologo -clp:NoSummary >"$work/pack.log" 2>&1; then
    cat "$work/pack.log"; echo "FAIL: dotnet pack $project"; exit 1
  fi
done
ls "$feed"

echo "== checking the packages' content and dependencies"
python3 - "$feed" "$version" "$root/generators/Clarify.Typed.Generators/bin/Release/netstandard2.0/Clarify.Typed.Generators.dll" <<'PY' || status=1
import hashlib, os, sys, zipfile, xml.etree.ElementTree as ET
feed, version, generator_release = sys.argv[1:]
problems = []

def package(package_id):
    path = os.path.join(feed, f"{package_id}.{version}.nupkg")
    if not os.path.exists(path):
        problems.append(f"{path} is missing"); return None, None, None
    if not os.path.exists(path[:-len(".nupkg")] + ".snupkg"):
        problems.append(f"no symbol package beside {path}")
    archive = zipfile.ZipFile(path)
    names = set(archive.namelist())
    nuspec = ET.fromstring(archive.read(f"{package_id}.nuspec"))
    return archive, names, nuspec

def meta(nuspec, tag):
    node = nuspec.find(f".//{{*}}metadata/{{*}}{tag}")
    return node

def dependencies(nuspec):
    return [(g.get("targetFramework"), d.get("id"), d.get("version"), d.get("include"), d.get("exclude"))
            for g in nuspec.findall(".//{*}dependencies/{*}group") for d in g.findall("{*}dependency")]

def common_metadata(package_id, names, nuspec):
    readme = meta(nuspec, "readme")
    if readme is None or readme.text != "README.md" or "README.md" not in names:
        problems.append(f"{package_id}: README.md is not the package readme")
    license = meta(nuspec, "license")
    if license is None or license.get("type") != "expression" or license.text != "MIT":
        problems.append(f"{package_id}: license is not the MIT expression")
    repository = meta(nuspec, "repository")
    if repository is None or not repository.get("url", "").startswith("https://"):
        problems.append(f"{package_id}: no repository url")
    elif len(repository.get("commit", "")) != 40:
        problems.append(f"{package_id}: no repository commit (source control information did not reach the pack)")
    for tag in ("description", "tags", "projectUrl"):
        node = meta(nuspec, tag)
        if node is None or not (node.text or "").strip():
            problems.append(f"{package_id}: no {tag}")

archive, names, nuspec = package("Clarify.Typed")
if archive:
    common_metadata("Clarify.Typed", names, nuspec)
    for required in ("lib/net8.0/Clarify.Typed.dll", "lib/net10.0/Clarify.Typed.dll",
                     "lib/net8.0/Clarify.Typed.xml", "lib/net10.0/Clarify.Typed.xml",
                     "analyzers/dotnet/cs/Clarify.Typed.Generators.dll",
                     "buildTransitive/Clarify.Typed.props", "buildTransitive/Clarify.Typed.targets"):
        if required not in names:
            problems.append(f"Clarify.Typed: {required} is missing")
    analyzers = sorted(n for n in names if n.startswith("analyzers/"))
    if analyzers != ["analyzers/dotnet/cs/Clarify.Typed.Generators.dll"]:
        problems.append(f"Clarify.Typed: analyzers/ should hold the generator alone, holds {analyzers}")
    if "analyzers/dotnet/cs/Clarify.Typed.Generators.dll" in names:
        packed = hashlib.sha256(archive.read("analyzers/dotnet/cs/Clarify.Typed.Generators.dll")).hexdigest()
        built = hashlib.sha256(open(generator_release, "rb").read()).hexdigest() if os.path.exists(generator_release) else None
        if packed != built:
            problems.append(f"Clarify.Typed: the packed generator is not the Release build at {generator_release}")
    deps = dependencies(nuspec)
    frameworks = sorted({d[0] for d in deps})
    if frameworks != ["net10.0", "net8.0"]:
        problems.append(f"Clarify.Typed: dependency groups are {frameworks}, expected net8.0 and net10.0")
    for framework, dep_id, dep_version, include, exclude in deps:
        if dep_id.startswith("Microsoft.CodeAnalysis") or dep_id.startswith("Clarify.Typed.Generators"):
            problems.append(f"Clarify.Typed ({framework}): the generator's dependency {dep_id} leaks into the package")
    refit = [d for d in deps if d[1] == "Refit"]
    if len(refit) != 2:
        problems.append(f"Clarify.Typed: Refit is not a dependency of both frameworks: {refit}")
    for framework, _, _, include, exclude in refit:
        if exclude and "analyzers" in exclude.lower():
            problems.append(f"Clarify.Typed ({framework}): Refit's analyzers are excluded ({exclude}), consumers' Refit interfaces get no generator")
    print("Clarify.Typed dependencies:", *[f"{d[0]}: {d[1]} {d[2]} include={d[3]} exclude={d[4]}" for d in deps], sep="\n  ")

# The add-on packages: each holds its own library for both frameworks, no analyzers, depends on
# this Clarify.Typed and on what it adds (both frameworks); Clarify.Typed itself depends on none of that.
ADD_ONS = {
    "Clarify.Typed.Emulator": {"docs": False, "depends_on": []},
    "Clarify.Typed.Redis": {"docs": True, "depends_on": ["StackExchange.Redis", "Microsoft.Extensions.Caching.StackExchangeRedis"]},
    "Clarify.Typed.Sqlite": {"docs": True, "depends_on": ["Microsoft.Data.Sqlite"]},
}
KEPT_OUT_OF_CORE = ("redis", "microsoft.extensions.caching", "sqlite")

for package_id, rules in ADD_ONS.items():
    archive, names, nuspec = package(package_id)
    if not archive:
        continue
    common_metadata(package_id, names, nuspec)
    for framework in ("net8.0", "net10.0"):
        for extension in ("dll", "xml") if rules["docs"] else ("dll",):
            required = f"lib/{framework}/{package_id}.{extension}"
            if required not in names:
                problems.append(f"{package_id}: {required} is missing")
    if any(n.startswith("analyzers/") for n in names):
        problems.append(f"{package_id}: carries analyzers of its own")
    deps = dependencies(nuspec)
    typed = [d for d in deps if d[1] == "Clarify.Typed"]
    if len(typed) != 2 or any(d[2] != version for d in typed):
        problems.append(f"{package_id}: does not depend on Clarify.Typed {version} for both frameworks: {typed}")
    for wanted in rules["depends_on"]:
        found = [d for d in deps if d[1] == wanted]
        if len(found) != 2:
            problems.append(f"{package_id}: does not depend on {wanted} for both frameworks: {found}")
    if any(d[1].startswith("Microsoft.CodeAnalysis") for d in deps):
        problems.append(f"{package_id}: a Microsoft.CodeAnalysis dependency leaks into the package")

# Redis, caching and SQLite stay opt-in: the main package must not bring them.
archive, names, nuspec = package("Clarify.Typed")
if archive:
    leaked = [d for d in dependencies(nuspec) if any(word in d[1].lower() for word in KEPT_OUT_OF_CORE)]
    if leaked:
        problems.append(f"Clarify.Typed: depends on what only an add-on package may bring: {leaked}")

for p in problems:
    print("FAIL:", p)
sys.exit(1 if problems else 0)
PY

echo "== creating consumers in $consumers (own NuGet cache, feed + nuget.org)"
mkdir -p "$consumers"
# Empty Directory.* files: nothing of any enclosing folder's build setup applies.
echo '<Project />' >"$consumers/Directory.Build.props"
echo '<Project />' >"$consumers/Directory.Build.targets"
echo '<Project />' >"$consumers/Directory.Packages.props"
cat >"$consumers/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local-feed" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local-feed"><package pattern="Clarify.Typed" /><package pattern="Clarify.Typed.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML
export NUGET_PACKAGES="$work/packages"

package_references="<PackageReference Include=\"Clarify.Typed\" Version=\"$version\" />
    <PackageReference Include=\"Clarify.Typed.Emulator\" Version=\"$version\" />"
new_consumer() { # new_consumer NAME [ITEMS]: a project referencing only the packages (by version), or ITEMS
  mkdir -p "$consumers/$1"
  cat >"$consumers/$1/$(basename "$1").csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>${output_type:-Exe}</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <RootNamespace>Consumer</RootNamespace>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
  </PropertyGroup>
  <ItemGroup>
    ${2:-$package_references}
  </ItemGroup>
</Project>
XML
}
generated_files() { # generated_files NAME: what the credentials generator wrote for that consumer
  find "$consumers/$1/obj" -path "*/generated/Clarify.Typed.Generators/*" -type f 2>/dev/null
}
build_and_run() { # build_and_run NAME WHAT: builds the consumer (no warnings allowed) and runs it, its output in $out; 1 when it does not build
  out=""
  if ! dotnet build "$consumers/$1" -nologo -clp:NoSummary >"$work/$1.log" 2>&1; then
    cat "$work/$1.log"; fail "$2 does not build"; return 1
  fi
  grep -E "warning" "$work/$1.log" && fail "$2 built with warnings"
  out=$(cd "$consumers/$1" && timeout 120 dotnet run --no-build 2>&1); echo "$out"
}

# A program that uses no generated type: it says whether the compiler made a ClarifyCredentials class.
neutral_program='using System.Reflection;

bool generated = Assembly.GetExecutingAssembly().GetTypes().Any(t => t.Name.EndsWith("Credentials", StringComparison.Ordinal));
Console.WriteLine(generated ? "generated credentials class: yes" : "generated credentials class: none");
'

# --- good -----------------------------------------------------------------------------------
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
new_consumer good
cat >"$consumers/good/clarify-credentials.json" <<JSON
{
  "apiUrl": "http://127.0.0.1:$port/v1/",
  "integration": "c0nsumer0000000000aa",
  "name": "Package consumer",
  "credentials": {
    "type": "client-credentials",
    "clientId": "consumer-client",
    "clientSecret": "consumer-secret-never-printed"
  }
}
JSON
cat >"$consumers/good/Program.cs" <<'CS'
using System.Text.Json;
using Clarify.Typed;
using Clarify.Typed.Emulator;
using Clarify.Typed.Models;
using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace Consumer;

/// <summary>The consumer's own Refit interface: Refit's source generator (from the package) implements it.</summary>
public interface ISignalsApi
{
    [Post("/rpc")]
    Task<JsonElement> CallAsync([Body] RpcCall call);
}

public sealed record RpcCall(string Jsonrpc, int Id, string Method, Dictionary<string, object> Params);

internal static class Program
{
    private static async Task<int> Main()
    {
        Console.WriteLine($"IntegrationId = {ClarifyCredentials.IntegrationId}");
        Console.WriteLine($"ClientId = {ClarifyCredentials.ClientId}");
        Console.WriteLine($"ApiUrl = {ClarifyCredentials.ApiUrl}");
        ClarifyOptions options = ClarifyCredentials.Options;
        Console.WriteLine(options);

        await using ClarifyEmulator emulator = await ClarifyEmulator.StartAsync(ClarifyEmulatorOptions.From(options));
        Console.WriteLine($"Emulator listening on port {emulator.Port}");

        var services = new ServiceCollection();
        services.AddClarify(ClarifyCredentials.Options).AddApi<ISignalsApi>();
        await using ServiceProvider provider = services.BuildServiceProvider();

        ClarifyClient client = provider.GetRequiredService<ClarifyClient>();
        DataFrame frame = DataFrame.CreateBuilder()
            .AddRow(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero), "temperature", 21.5)
            .AddRow(new DateTimeOffset(2026, 11, 1, 12, 1, 0, TimeSpan.Zero), "temperature", 21.7)
            .Build();
        InsertResult inserted = await client.InsertAsync(frame);
        Console.WriteLine($"Inserted temperature, created = {inserted.SignalsByInput["temperature"].Created}");

        ISignalsApi signals = provider.GetRequiredService<ISignalsApi>();
        JsonElement reply = await signals.CallAsync(new RpcCall("2.0", 1, "admin.selectSignals", new()
        {
            ["integration"] = options.IntegrationId,
            ["query"] = new Dictionary<string, object>(),
        }));
        Console.WriteLine($"Signals seen through the consumer's own Refit interface: {reply.GetProperty("result").GetProperty("data").GetArrayLength()}");
        Console.WriteLine($"Tokens issued by the emulator: {emulator.IssuedTokenCount}");
        return 0;
    }
}
CS

echo "== good: building with the conventional clarify-credentials.json (not listed in the csproj)"
if build_and_run good "the consumer with a good credentials file"; then
  [ -n "$(generated_files good)" ] || fail "the good consumer has no generated credentials source"
  find "$consumers/good/obj" -path "*/generated/InterfaceStubGenerator*/*/ISignalsApi.g.cs" | grep -q . \
    || fail "Refit's source generator did not implement the consumer's own ISignalsApi (its analyzers did not flow)"
  grep -qx "IntegrationId = c0nsumer0000000000aa" <<<"$out" || fail "the program does not print the generated integration id"
  grep -qx "ApiUrl = http://127.0.0.1:$port/v1/" <<<"$out" || fail "the program does not print the generated api URL"
  grep -qx "Inserted temperature, created = True" <<<"$out" || fail "ClarifyClient did not insert into the emulator"
  grep -qx "Signals seen through the consumer's own Refit interface: 1" <<<"$out" || fail "the consumer's Refit interface did not see the inserted signal"
  grep -qx "Tokens issued by the emulator: 1" <<<"$out" || fail "the client and the consumer's interface did not share one token"
  ! grep -q "consumer-secret-never-printed" <<<"$out" || fail "the program printed the client secret"
fi

# --- broken ---------------------------------------------------------------------------------
new_consumer broken
printf '%s' "$neutral_program" >"$consumers/broken/Program.cs"
write_broken_credentials "$consumers/broken/clarify-credentials.json"
echo "== broken: building with a broken clarify-credentials.json"
if dotnet build "$consumers/broken" -nologo -clp:NoSummary -p:TreatWarningsAsErrors=false >"$work/broken.log" 2>&1; then
  fail "the build with a broken credentials file succeeded"
fi
expect_broken_credentials_diagnostics "$work/broken.log" "$consumers/broken/clarify-credentials.json"
# Only the credentials file is wrong: no other diagnostic may appear (e.g. from a missing generated type).
others=$(sed '/Build FAILED/,$d' "$work/broken.log" | grep -E "(error|warning) [A-Z]+[0-9]+" | grep -vE "CLARIFY[0-9]{3}")
[ -z "$others" ] || fail "diagnostics other than the credentials file's: $others"

# --- none -----------------------------------------------------------------------------------
new_consumer none
printf '%s' "$neutral_program" >"$consumers/none/Program.cs"
expect_nothing_generated() { # expect_nothing_generated WHY BUILD-ARGS...: the none consumer builds, without a credentials class
  local why=$1; shift
  if ! dotnet build "$consumers/none" -nologo -clp:NoSummary "$@" >"$work/none.log" 2>&1; then
    cat "$work/none.log"; fail "the consumer $why does not build"; return
  fi
  [ -z "$(generated_files none)" ] || fail "the generator wrote sources $why: $(generated_files none)"
  out=$(cd "$consumers/none" && dotnet run --no-build 2>&1); echo "$out"
  grep -qx "generated credentials class: none" <<<"$out" || fail "a credentials class exists $why"
}
echo "== none: building without a credentials file"
expect_nothing_generated "without a credentials file"
echo "== none: a good clarify-credentials.json with ClarifyIncludeCredentialsFile=false"
cp "$consumers/good/clarify-credentials.json" "$consumers/none/"
expect_nothing_generated "although the project opted out" -p:ClarifyIncludeCredentialsFile=false

# --- transitive -----------------------------------------------------------------------------
# An app that gets Clarify.Typed only through a library of its own: buildTransitive and the
# analyzers still reach it, so its clarify-credentials.json becomes its credentials class.
output_type=Library new_consumer transitive/Lib "<PackageReference Include=\"Clarify.Typed\" Version=\"$version\" />"
echo 'namespace Lib; public static class Marker { }' >"$consumers/transitive/Lib/Marker.cs"
new_consumer transitive/App '<ProjectReference Include="../Lib/Lib.csproj" />'
printf '%s' "$neutral_program" >"$consumers/transitive/App/Program.cs"
cp "$consumers/good/clarify-credentials.json" "$consumers/transitive/App/"
echo "== transitive: an app referencing Clarify.Typed only through its own library"
if ! dotnet build "$consumers/transitive/App" -nologo -clp:NoSummary >"$work/transitive.log" 2>&1; then
  cat "$work/transitive.log"; fail "the app referencing Clarify.Typed through a library does not build"
else
  [ -n "$(generated_files transitive/App)" ] || fail "the credentials generator did not reach the app through its library"
  out=$(cd "$consumers/transitive/App" && dotnet run --no-build 2>&1); echo "$out"
  grep -qx "generated credentials class: yes" <<<"$out" || fail "the app got no credentials class through its library"
fi

# --- redis ----------------------------------------------------------------------------------
# Redis at a port nothing listens on: the package must cost a call nothing but a short wait.
redis_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
new_consumer redis "$package_references
    <PackageReference Include=\"Clarify.Typed.Redis\" Version=\"$version\" />"
cat >"$consumers/redis/Program.cs" <<CS
using Clarify.Typed;
using Clarify.Typed.Emulator;
using Clarify.Typed.Models;
using Microsoft.Extensions.DependencyInjection;

await using ClarifyEmulator emulator = await ClarifyEmulator.StartAsync();
var services = new ServiceCollection();
services.AddClarify(emulator.Options)
    .UseDistributedTokenCache("127.0.0.1:$redis_port")
    .UseSharedPace("127.0.0.1:$redis_port", redis => redis.OperationTimeout = TimeSpan.FromMilliseconds(200));
await using ServiceProvider provider = services.BuildServiceProvider();
ClarifyClient client = provider.GetRequiredService<ClarifyClient>();
for (int i = 0; i < 2; i++)
{
    await client.InsertAsync(DataFrame.CreateBuilder().AddRow(DateTimeOffset.UtcNow.AddMinutes(i), "pressure", 1.5 + i).Build());
}

Console.WriteLine(\$"Inserts with Redis unreachable: {emulator.GetRpcRequestCount("integration.insert")}");
CS
echo "== redis: an app using Clarify.Typed.Redis, run with Redis unreachable"
if build_and_run redis "the consumer of Clarify.Typed.Redis"; then
  grep -qx "Inserts with Redis unreachable: 2" <<<"$out" || fail "calls failed or were lost while Redis was unreachable"
fi

# --- sqlite ---------------------------------------------------------------------------------
new_consumer sqlite "$package_references
    <PackageReference Include=\"Clarify.Typed.Sqlite\" Version=\"$version\" />"
cat >"$consumers/sqlite/Program.cs" <<'CS'
using Clarify.Typed;
using Clarify.Typed.Emulator;
using Clarify.Typed.Ingestion;
using Clarify.Typed.Rpc;

await using ClarifyEmulator emulator = await ClarifyEmulator.StartAsync(new ClarifyEmulatorOptions { EnforceRateLimits = false });
using ClarifyClient client = ClarifyClient.Create(emulator.Options, new ClarifyClientOptions { EnableRateLimiting = false });
string path = Path.Combine(AppContext.BaseDirectory, "clarify-outbox.db");
var start = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

await using (ClarifyWriter writer = ClarifyWriter.Create(client, new ClarifyWriterOptions().UseSqlite(path)))
{
    for (int i = 0; i < 100; i++)
    {
        await writer.WriteAsync("temperature", start.AddSeconds(i), 20 + (i / 10.0));
    }

    await writer.FlushAsync();
    Console.WriteLine($"Store: {writer.Store.GetType().Name}");
}

Console.WriteLine($"Points in the emulator: {emulator.GetSamples("temperature").Count}");
await using ClarifySqliteWriterStore store = ClarifySqliteWriterStore.Open(path);
Console.WriteLine($"Pending in the file: {store.PendingPoints}");
CS
echo "== sqlite: an app writing through UseSqlite"
if build_and_run sqlite "the consumer of Clarify.Typed.Sqlite"; then
  grep -qx "Store: ClarifySqliteWriterStore" <<<"$out" || fail "UseSqlite did not give the writer a SQLite store"
  grep -qx "Points in the emulator: 100" <<<"$out" || fail "the writer on the SQLite store did not deliver every point"
  grep -qx "Pending in the file: 0" <<<"$out" || fail "acknowledged points stayed in the SQLite file"
fi

echo "package-consume took $((SECONDS - started)) s"
[ $status -eq 0 ] && echo "package-consume: OK"
exit $status
