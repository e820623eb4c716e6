# Build Local Writer for Windows: a PyInstaller folder with the embedded model inside, its
# self-test, then LocalWriter-VERSION-windows-x64-VARIANT-Setup.exe (Inno Setup), a
# silent per-user install of it into a scratch folder, the installed app's self-test and
# `complete`, and a silent uninstall. Prints each artefact's size.
#
#   powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1 [-Variant cpu|cuda]
#
# Needs Python 3.11+ (py launcher), Visual Studio Build Tools (C++), Inno Setup 6, and for
# the CUDA variant the CUDA Toolkit (12.x). Runs in .github/workflows/installers.yml.
param([ValidateSet("cpu", "cuda")] [string] $Variant = "cpu")
$ErrorActionPreference = "Stop"
$root = Resolve-Path (Join-Path $PSScriptRoot "..")
Set-Location $root
function Say($text) { Write-Host "build: $text" }
function Run($exe) {  # run a native command with the remaining arguments; stop on failure
    & $exe @args
    if ($LASTEXITCODE -ne 0) { throw "$exe $args failed with exit status $LASTEXITCODE" }
}

# 1. A build environment of its own, with llama.cpp compiled for the variant.
$venv = Join-Path $root "build\venv-windows-$Variant"
if (-not (Test-Path $venv)) { Run py -3.11 -m venv $venv }
$py = Join-Path $venv "Scripts\python.exe"
Run $py -m pip install --quiet --upgrade pip
# A portable llama.cpp (packaging/llama_cpp_build.py): each CPU variant a DLL of its own,
# chosen at run time, so the installer runs on x86-64 CPUs other than the build machine's.
Say "building llama.cpp ($Variant, portable; it compiles once: many minutes)"
Run $py packaging\llama_cpp_build.py portable --gpu $Variant
Say "installing Local Writer and PyInstaller"
Run $py -m pip install --quiet "." "pyinstaller>=6.10"
$version = & $py -c "from writer_app import __version__; print(__version__)"

# 2. The frozen folder, and its self-test before anything is packed.
$build = Join-Path $root "build\windows-$Variant"
if (Test-Path $build) { Remove-Item -Recurse -Force $build }
Say "freezing the app with PyInstaller"
Run $py -m PyInstaller --noconfirm --log-level WARN --distpath "$build\dist" `
    --workpath "$build\work" packaging\pyinstaller\local-writer.spec
$app = Join-Path $build "dist\local-writer"
function Check($folder) {
    $home_ = Join-Path $env:TEMP ("local-writer-check-" + [guid]::NewGuid())
    $env:LOCAL_WRITER_HOME = $home_
    $env:QT_QPA_PLATFORM = "offscreen"
    Run (Join-Path $folder "writer-app.exe") --self-test
    $out = "The lighthouse keeper climbed the stairs and" | & (Join-Path $folder "writer-app.exe") complete --max-tokens 8
    if ($LASTEXITCODE -ne 0 -or -not "$out".Trim()) { throw "complete wrote nothing" }
    Write-Host "complete: $out"
    Remove-Item Env:LOCAL_WRITER_HOME, Env:QT_QPA_PLATFORM
    Remove-Item -Recurse -Force $home_ -ErrorAction SilentlyContinue
}
# A CUDA build needs the NVIDIA driver to load; hosted runners have none.
$canRun = ($Variant -eq "cpu") -or ($env:LOCAL_WRITER_GPU_PRESENT -eq "1")
if ($canRun) { Check $app } else { Say "no GPU here: the CUDA build's self-test runs on a machine with one" }

# 3. The installer.
$iscc = @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe") |
    Where-Object { Test-Path $_ } | Select-Object -First 1
if (-not $iscc) { throw "Inno Setup 6 is not installed (choco install innosetup)" }
$dist = Join-Path $root "dist"
New-Item -ItemType Directory -Force $dist | Out-Null
Say "packing the installer with Inno Setup"
Run $iscc /Q "/DAppVersion=$version" "/DSourceDir=$app" "/DOutputDir=$dist" "/DVariant=$Variant" `
    packaging\windows\local-writer.iss
$setup = Join-Path $dist "LocalWriter-$version-windows-x64-$Variant-Setup.exe"

# 4. Install silently for this user into a scratch folder, check, uninstall.
$scratch = Join-Path $build "installed"
Say "installing silently into $scratch"
$p = Start-Process $setup -Wait -PassThru -ArgumentList "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/CURRENTUSER", "/DIR=`"$scratch`""
if ($p.ExitCode -ne 0) { throw "the installer failed with $($p.ExitCode)" }
if ($canRun) { Check $scratch }
$p = Start-Process (Join-Path $scratch "unins000.exe") -Wait -PassThru -ArgumentList "/VERYSILENT", "/SUPPRESSMSGBOXES"
if ($p.ExitCode -ne 0) { throw "the uninstaller failed with $($p.ExitCode)" }

Write-Host ("artefact: {0} {1:N0} MB" -f (Split-Path $setup -Leaf), ((Get-Item $setup).Length / 1MB))
$folderSize = (Get-ChildItem -Recurse $app | Measure-Object -Sum Length).Sum
Write-Host ("artefact: installed folder {0:N0} MB" -f ($folderSize / 1MB))
