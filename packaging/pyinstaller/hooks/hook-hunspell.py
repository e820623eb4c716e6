# chunspell's Hunspell: the extension, the libhunspell it links (beside it in the wheel)
# and its English dictionary, which the app's spell checking ships with. Not its sources.
from PyInstaller.utils.hooks import collect_data_files, collect_dynamic_libs

datas = collect_data_files("hunspell", excludes=["**/*.pyx", "**/*.pxd", "**/*.cpp"])
binaries = collect_dynamic_libs("hunspell")
