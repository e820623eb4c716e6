# llama-cpp-python loads libllama, libggml* and libmtmd with ctypes from llama_cpp/lib at
# run time, so PyInstaller's import analysis never sees them: without this hook the
# frozen app fails with "Shared library with base name 'llama' not found"
# (llama-cpp-python #1475). CUDA and Metal builds put their extra libraries there too.
from PyInstaller.utils.hooks import collect_data_files, collect_dynamic_libs

binaries = collect_dynamic_libs("llama_cpp")
datas = collect_data_files("llama_cpp")
