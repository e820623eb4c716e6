# python-docx builds every document from the templates inside the package, and finds
# some of them from its own modules' folder ("docx/parts/../templates/…"): its modules
# must be files in folders on disk too, not only inside the archive, or the path does
# not resolve in the installed app.
from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("docx")
module_collection_mode = "pyz+py"
