; NSIS installer for purple-lync: puts the plugin and its protocol icons into an existing
; Pidgin 2.x installation (Pidgin for Windows is 32-bit, so is this installer and the DLL).
; Built by packaging/windows/build.sh, which passes the defines checked below.

Unicode true
!include "MUI2.nsh"
!include "LogicLib.nsh"

!ifndef VERSION | PLUGIN_DLL | ICONS_DIR | LICENSE_FILE | OUT_FILE
  !error "define VERSION, PLUGIN_DLL, ICONS_DIR, LICENSE_FILE and OUT_FILE (see build.sh)"
!endif

!define PRODUCT "purple-lync"
!define UNINSTALLER "purple-lync-uninstall.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\purple-lync"
!define PROTOCOL_ICONS "pixmaps\pidgin\protocols"

Name "${PRODUCT} ${VERSION}"
Caption "${PRODUCT} ${VERSION}: Lync / Skype for Business for Pidgin"
OutFile "${OUT_FILE}"
; Pidgin's folder is under Program Files.
RequestExecutionLevel admin
SetCompressor /SOLID lzma
InstallDir "$PROGRAMFILES\Pidgin"
BrandingText "${PRODUCT} ${VERSION}"

!define MUI_ABORTWARNING
!define MUI_DIRECTORYPAGE_TEXT_TOP "Setup will add the Lync / Skype for Business protocol to the Pidgin installed in this folder (the one holding pidgin.exe). Quit Pidgin before you continue."
!define MUI_FINISHPAGE_TEXT "The plugin is installed. Start Pidgin, then add an account with the protocol $\"Lync / Skype for Business$\"."
!insertmacro MUI_PAGE_LICENSE "${LICENSE_FILE}"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

; Start in the folder Pidgin's own installer recorded (machine-wide, else per user).
Function .onInit
  ReadRegStr $0 HKLM "Software\pidgin" ""
  ${If} $0 == ""
    ReadRegStr $0 HKCU "Software\pidgin" ""
  ${EndIf}
  ${If} $0 != ""
    StrCpy $INSTDIR $0
  ${EndIf}
FunctionEnd

; Only a folder with Pidgin in it will do: the plugin is useless anywhere else.
Function .onVerifyInstDir
  ${IfNot} ${FileExists} "$INSTDIR\pidgin.exe"
    Abort
  ${EndIf}
FunctionEnd

Section "purple-lync"
  SetOutPath "$INSTDIR\plugins"
  File "/oname=purple_lync.dll" "${PLUGIN_DLL}"
  SetOutPath "$INSTDIR\${PROTOCOL_ICONS}\16"
  File "/oname=lync.png" "${ICONS_DIR}/16/lync.png"
  SetOutPath "$INSTDIR\${PROTOCOL_ICONS}\22"
  File "/oname=lync.png" "${ICONS_DIR}/22/lync.png"
  SetOutPath "$INSTDIR\${PROTOCOL_ICONS}\48"
  File "/oname=lync.png" "${ICONS_DIR}/48/lync.png"
  SetOutPath "$INSTDIR\${PROTOCOL_ICONS}\scalable"
  File "/oname=lync.svg" "${ICONS_DIR}/scalable/lync.svg"

  WriteUninstaller "$INSTDIR\${UNINSTALLER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}: Lync / Skype for Business for Pidgin"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "The purple-lync developers"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

; Removes only our files: the folders belong to Pidgin.
Section "Uninstall"
  Delete "$INSTDIR\plugins\purple_lync.dll"
  Delete "$INSTDIR\${PROTOCOL_ICONS}\16\lync.png"
  Delete "$INSTDIR\${PROTOCOL_ICONS}\22\lync.png"
  Delete "$INSTDIR\${PROTOCOL_ICONS}\48\lync.png"
  Delete "$INSTDIR\${PROTOCOL_ICONS}\scalable\lync.svg"
  Delete "$INSTDIR\${UNINSTALLER}"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd
