; Inno Setup script for Local Writer (Inno Setup 6). Built by packaging/build-windows.ps1:
;   ISCC.exe /DAppVersion=0.1.0 /DSourceDir=build\windows\dist\local-writer
;            /DOutputDir=dist /DVariant=cpu packaging\windows\local-writer.iss
; Installs per user by default (no administrator needed), or for all users if chosen.

#ifndef AppVersion
  #error Pass /DAppVersion=X.Y.Z
#endif
#ifndef SourceDir
  #error Pass /DSourceDir=the PyInstaller folder
#endif
#ifndef OutputDir
  #define OutputDir "dist"
#endif
#ifndef Variant
  #define Variant "cpu"
#endif

[Setup]
AppId={{050FA17B-0BD7-50A2-861E-528565DACC6D}
AppName=Local Writer
AppVersion={#AppVersion}
AppVerName=Local Writer {#AppVersion}
AppPublisher=Local Writer contributors
AppPublisherURL=https://github.com/local-writer/local-writer
DefaultDirName={autopf}\Local Writer
DefaultGroupName=Local Writer
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=LocalWriter-{#AppVersion}-windows-x64-{#Variant}-Setup
SetupIconFile=..\..\resources\icons\local-writer.ico
UninstallDisplayIcon={app}\local-writer.exe
UninstallDisplayName=Local Writer
; The model is already compressed (quantized weights): LZMA2 at normal level gains
; little more from "max" and takes much longer over 450 MB.
Compression=lzma2/normal
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "associate"; Description: "Open .md and .txt files with Local Writer"; GroupDescription: "File types:"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Local Writer"; Filename: "{app}\local-writer.exe"
Name: "{group}\Uninstall Local Writer"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Local Writer"; Filename: "{app}\local-writer.exe"; Tasks: desktopicon

[Registry]
; "Open with" for every user choice, and the default only when the writer ticked the task.
Root: HKA; Subkey: "Software\Classes\LocalWriter.Document"; ValueType: string; ValueName: ""; ValueData: "Text document"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\LocalWriter.Document\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\local-writer.exe,0"
Root: HKA; Subkey: "Software\Classes\LocalWriter.Document\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\local-writer.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.md\OpenWithProgids"; ValueType: string; ValueName: "LocalWriter.Document"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.txt\OpenWithProgids"; ValueType: string; ValueName: "LocalWriter.Document"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.md"; ValueType: string; ValueName: ""; ValueData: "LocalWriter.Document"; Tasks: associate; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.txt"; ValueType: string; ValueName: ""; ValueData: "LocalWriter.Document"; Tasks: associate; Flags: uninsdeletevalue

[Run]
Filename: "{app}\local-writer.exe"; Description: "{cm:LaunchProgram,Local Writer}"; Flags: nowait postinstall skipifsilent
